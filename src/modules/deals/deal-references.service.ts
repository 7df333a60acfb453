import { AppError, type FieldErrors } from '../../errors.js'
import type { DealReferences } from './deal.types.js'

/** Finds a row by id; undefined when there is none. */
export interface RowLookup {
  findById(id: number): Promise<unknown>
}

export interface DealReferenceLookups {
  clients: RowLookup
  contacts: RowLookup
  leads: RowLookup
  quotes: RowLookup
  projects: RowLookup
  users: RowLookup
}

/** The largest id an integer column holds; a larger one names no row (PostgreSQL would refuse it). */
const MAX_ID = 2_147_483_647

/** Each reference field, its wire name, where it points and the message when it points nowhere. */
const FIELDS = [
  ['clientId', 'client_id', 'clients', 'Client not found'],
  ['contactId', 'contact_id', 'contacts', 'Contact not found'],
  ['leadId', 'lead_id', 'leads', 'Lead not found'],
  ['relatedQuoteId', 'related_quote_id', 'quotes', 'Quote not found'],
  ['relatedProjectId', 'related_project_id', 'projects', 'Project not found'],
  ['ownerId', 'owner_id', 'users', 'User not found'],
] as const

/**
 * The ids a deal points at must name existing rows: the original fails with a database
 * error there, Stint answers 400 naming the field (api-extended.md §0.2 blanket rule).
 */
export class DealReferenceCheck {
  constructor(private readonly lookups: DealReferenceLookups) {}

  /** Throws a validation error listing every id that names no row; null ids are fine. */
  async assertExist(references: DealReferences): Promise<void> {
    const errors: FieldErrors = {}
    for (const [key, field, table, message] of FIELDS) {
      const id = references[key]
      if (id === undefined || id === null) continue
      const found = Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID
      if (!found || !(await this.lookups[table].findById(id))) errors[field] = [message]
    }
    if (Object.keys(errors).length > 0) throw AppError.validation(errors)
  }
}
