import type { Kysely, Selectable } from 'kysely'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { ContactTable, Database } from '../../db/tables.js'
import { withTransaction } from '../../db/transaction.js'
import { readFlag, readInstant } from '../../db/values.js'
import type { Contact, ContactChanges, NewContact } from './contact.types.js'

function toContact(row: Selectable<ContactTable>): Contact {
  return {
    ...row,
    isPrimary: readFlag(row.isPrimary),
    isActive: readFlag(row.isActive),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

/** Undefined when the one-primary-per-client index refused the write (a concurrent primary won). */
async function unlessPrimaryTaken<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error)) return undefined
    throw error
  }
}

/** Client contacts (api-extended.md §3.3). */
export class ContactRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<Contact | undefined> {
    const row = await this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toContact(row)
  }

  /** The client's active contacts by last name, then first name. */
  async listActive(clientId: number): Promise<Contact[]> {
    const rows = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('clientId', '=', clientId)
      .where('isActive', '=', true)
      .orderBy('lastName')
      .orderBy('firstName')
      .orderBy('id')
      .execute()
    return rows.map(toContact)
  }

  /** Inserts the contact; a primary one takes the flag from the client's others in the same transaction. */
  async insert(contact: NewContact, now: Date): Promise<Contact | undefined> {
    return unlessPrimaryTaken(() =>
      withTransaction(this.db, async (trx) => {
        if (contact.isPrimary) await clearPrimary(trx, contact.clientId, now)
        const row = await trx
          .insertInto('contacts')
          .values({ ...contact, isActive: true, createdAt: now, updatedAt: now })
          .returningAll()
          .executeTakeFirstOrThrow()
        return toContact(row)
      }),
    )
  }

  /** Applies the changes; becoming primary clears the client's other primaries in the same transaction. */
  async update(contact: Contact, changes: ContactChanges, now: Date): Promise<Contact | undefined> {
    return unlessPrimaryTaken(() =>
      withTransaction(this.db, async (trx) => {
        if (changes.isPrimary) await clearPrimary(trx, contact.clientId, now, contact.id)
        const row = await trx
          .updateTable('contacts')
          .set({ ...changes, updatedAt: now })
          .where('id', '=', contact.id)
          .returningAll()
          .executeTakeFirstOrThrow()
        return toContact(row)
      }),
    )
  }

  /** Soft delete: `is_active` false, `is_primary` unchanged. */
  async deactivate(id: number, now: Date): Promise<void> {
    await this.db
      .updateTable('contacts')
      .set({ isActive: false, updatedAt: now })
      .where('id', '=', id)
      .execute()
  }
}

async function clearPrimary(trx: Kysely<Database>, clientId: number, now: Date, exceptId?: number) {
  await trx
    .updateTable('contacts')
    .set({ isPrimary: false, updatedAt: now })
    .where('clientId', '=', clientId)
    .where('isPrimary', '=', true)
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId as number))
    .execute()
}
