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
  status: 'active' | 'inactive'
  customFields: Record<string, unknown>
  createdBy: number | null
  createdAt: Date
  updatedAt: Date
}
