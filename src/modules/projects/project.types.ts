export type ProjectStatus = 'active' | 'inactive' | 'archived'

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
