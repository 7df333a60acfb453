import { round2Hours } from '../time-entries/duration.rules.js'
import type { SecondsTotal } from '../time-entries/time-entry-totals.repository.js'
import type { Project, ProjectFinancials } from './project.types.js'

/** `hours × rate` in cents, exactly, from hours in hundredths and a rate in cents, rounded half up. */
function costCents(hoursHundredths: number, rateCents: number): number {
  return Number((BigInt(hoursHundredths) * BigInt(rateCents) + 50n) / 100n)
}

/**
 * The computed values of a serialized project (api-core.md §9.1). Costs multiply the shown,
 * round2-ed billable hours by the rate, as the original does, and are round2-ed themselves.
 */
export function projectFinancials(
  project: Pick<Project, 'billable' | 'hourlyRateCents' | 'budgetAmountCents' | 'budgetThresholdPercent'>,
  clientDefaultHourlyRateCents: number | null,
  totals: SecondsTotal,
): ProjectFinancials {
  const totalBillableHours = round2Hours(totals.billableSeconds)
  const billableHundredths = Math.round(totalBillableHours * 100)
  const projectRate = project.hourlyRateCents ?? 0
  const estimatedCostCents =
    project.billable && projectRate > 0 ? costCents(billableHundredths, projectRate) : 0
  const budgetConsumedCents = costCents(billableHundredths, projectRate || clientDefaultHourlyRateCents || 0)
  const budget = project.budgetAmountCents ?? 0
  return {
    totalHours: round2Hours(totals.totalSeconds),
    totalBillableHours,
    estimatedCostCents: estimatedCostCents === 0 ? null : estimatedCostCents,
    budgetConsumedCents,
    budgetThresholdExceeded:
      budget > 0 && budgetConsumedCents * 100 >= budget * project.budgetThresholdPercent,
  }
}
