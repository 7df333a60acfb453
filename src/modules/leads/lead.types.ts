/** A lead as stored (api-extended.md §3.2); money in exact cents, tags comma-joined. */
export interface Lead {
  id: number
  firstName: string
  lastName: string
  companyName: string | null
  email: string | null
  phone: string | null
  title: string | null
  source: string | null
  status: string
  score: number
  estimatedValueCents: number | null
  currencyCode: string
  convertedToClientId: number | null
  convertedToDealId: number | null
  convertedAt: Date | null
  convertedBy: number | null
  notes: string | null
  tags: string | null
  createdBy: number
  ownerId: number
  createdAt: Date
  updatedAt: Date
}

/** The columns a create writes. */
export type NewLead = Pick<
  Lead,
  | 'firstName'
  | 'lastName'
  | 'companyName'
  | 'email'
  | 'phone'
  | 'title'
  | 'source'
  | 'status'
  | 'score'
  | 'estimatedValueCents'
  | 'currencyCode'
  | 'notes'
  | 'tags'
  | 'createdBy'
  | 'ownerId'
>

/** The columns an update may change; absent keys stay as they are. */
export type LeadChanges = Partial<Omit<NewLead, 'createdBy'>>

/** The optional text fields of a lead body. */
export const LEAD_TEXT_FIELDS = ['companyName', 'email', 'phone', 'title', 'source', 'notes', 'tags'] as const

/** A body as sent (create or update); lenient values are read by the rules. */
export interface LeadInput {
  firstName?: string | null
  lastName?: string | null
  companyName?: string | null
  email?: string | null
  phone?: string | null
  title?: string | null
  source?: string | null
  notes?: string | null
  tags?: string | null
  status?: string | null
  currencyCode?: string | null
  score?: number
  estimatedValue?: unknown
  ownerId?: number | null
}

export interface LeadFilter {
  /** undefined = every status except converted and lost. */
  status?: string
  source?: string
  ownerId?: number
  search?: string
}

export interface LeadPage {
  page: number
  perPage: number
}
