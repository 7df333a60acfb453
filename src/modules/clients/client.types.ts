export type ClientStatus = 'active' | 'inactive'

/** A client as the domain sees it; money in integer cents. */
export interface Client {
  id: number
  name: string
  company: string | null
  description: string | null
  contactPerson: string | null
  email: string | null
  phone: string | null
  address: string | null
  defaultHourlyRateCents: number | null
  status: ClientStatus
  customFields: Record<string, unknown>
  createdBy: number | null
  createdAt: Date
  updatedAt: Date
}

/** How many projects a client has: all of them, and those with status `active`. */
export interface ProjectCounts {
  total: number
  active: number
}

/** A client with the counts its serialized form carries (api-core.md §10.1). */
export interface ClientDetails {
  client: Client
  projectCounts: ProjectCounts
}
