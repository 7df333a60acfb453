export const PROJECT_STATUSES = ['active', 'inactive', 'archived'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

/** A project as the domain sees it; money in integer cents. */
export interface Project {
  id: number
  name: string
  code: string | null
  clientId: number
  description: string | null
  billable: boolean
  hourlyRateCents: number | null
  billingRef: string | null
  status: ProjectStatus
  estimatedHours: number | null
  budgetAmountCents: number | null
  budgetThresholdPercent: number
  color: string | null
  customFields: Record<string, unknown>
  createdBy: number | null
  createdAt: Date
  updatedAt: Date
  archivedAt: Date | null
  archivedBy: number | null
  archivedReason: string | null
}

/** A project with what its serialized form reads from its client (null when the client is gone). */
export interface ProjectWithClient {
  project: Project
  clientName: string | null
  clientDefaultHourlyRateCents: number | null
}

/** The computed values of a serialized project (api-core.md §9.1): hours round2-ed, money in cents. */
export interface ProjectFinancials {
  totalHours: number
  totalBillableHours: number
  estimatedCostCents: number | null
  budgetConsumedCents: number
  budgetThresholdExceeded: boolean
}

export interface ProjectDetails extends ProjectWithClient {
  financials: ProjectFinancials
}
