/** A client contact as stored (api-extended.md §3.3); tags comma-joined. */
export interface Contact {
  id: number
  clientId: number
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  mobile: string | null
  title: string | null
  department: string | null
  role: string
  isPrimary: boolean
  address: string | null
  notes: string | null
  tags: string | null
  isActive: boolean
  createdBy: number
  createdAt: Date
  updatedAt: Date
}

/** The optional text fields of a contact body: trimmed, empty → null. */
export const CONTACT_TEXT_FIELDS = [
  'email',
  'phone',
  'mobile',
  'title',
  'department',
  'address',
  'notes',
  'tags',
] as const

/** The columns a create writes. */
export type NewContact = Omit<Contact, 'id' | 'isActive' | 'createdAt' | 'updatedAt'>

/** The columns an update may change; absent keys stay as they are. */
export type ContactChanges = Partial<Omit<NewContact, 'clientId' | 'createdBy'>>

/** A body as sent (create or update). */
export interface ContactInput {
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  phone?: string | null
  mobile?: string | null
  title?: string | null
  department?: string | null
  address?: string | null
  notes?: string | null
  tags?: string | null
  role?: string | null
  isPrimary?: boolean
}
