import type { Insertable, Kysely, Selectable } from 'kysely'
import type { ClientTable, Database } from '../../db/tables.js'
import { readFlag, readInstant, readNumber } from '../../db/values.js'
import { clientVisible } from '../../db/visibility-filters.js'
import type { Visibility } from '../users/visibility.rules.js'
import type { ClientChanges } from './client.rules.js'
import type { Client } from './client.types.js'

export function toClient(row: Selectable<ClientTable>): Client {
  return {
    ...row,
    status: row.status === 'inactive' ? 'inactive' : 'active',
    customFields: JSON.parse(row.customFields) as Record<string, unknown>,
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

export type NewClient = Omit<Insertable<ClientTable>, 'id' | 'createdAt' | 'updatedAt' | 'customFields'> & {
  customFields?: Record<string, unknown>
}

/** A stored client and whether the viewer may see it (one query answers both, api-core.md §8). */
export interface ClientForViewer {
  client: Client
  isVisible: boolean
}

/** Rows to skip and take for one page of a list. */
export interface RowWindow {
  limit: number
  offset: number
}

/** The largest id an integer column holds: a larger one names no row (and PostgreSQL would refuse it). */
const MAX_ID = 2_147_483_647
const isStorableId = (id: number) => Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID

const visibleTo = (visibility: Visibility) =>
  clientVisible(visibility, { id: 'c.id', createdBy: 'c.createdBy' })

export class ClientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert({ customFields, ...client }: NewClient, now: Date): Promise<Client> {
    const row = await this.db
      .insertInto('clients')
      .values({ ...client, customFields: JSON.stringify(customFields ?? {}), createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toClient(row)
  }

  async findById(id: number): Promise<Client | undefined> {
    if (!isStorableId(id)) return undefined
    const row = await this.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toClient(row)
  }

  /** The client with its visibility under `visibility`; undefined when it does not exist. */
  async findForViewer(id: number, visibility: Visibility): Promise<ClientForViewer | undefined> {
    if (!isStorableId(id)) return undefined
    const row = await this.db
      .selectFrom('clients as c')
      .selectAll('c')
      .select(visibleTo(visibility).as('isVisible'))
      .where('c.id', '=', id)
      .executeTakeFirst()
    if (!row) return undefined
    const { isVisible, ...client } = row
    return { client: toClient(client), isVisible: readFlag(isVisible) }
  }

  /** True when the client exists and `visibility` shows it. */
  async isVisible(id: number, visibility: Visibility): Promise<boolean> {
    const row = await this.db
      .selectFrom('clients as c')
      .select('c.id')
      .where('c.id', '=', id)
      .where(visibleTo(visibility))
      .executeTakeFirst()
    return row !== undefined
  }

  /** One page of the visible clients, by name (api-core.md §10.2). */
  async listVisible(visibility: Visibility, window: RowWindow): Promise<Client[]> {
    const rows = await this.db
      .selectFrom('clients as c')
      .selectAll('c')
      .where(visibleTo(visibility))
      .orderBy('c.name')
      .orderBy('c.id')
      .limit(window.limit)
      .offset(window.offset)
      .execute()
    return rows.map(toClient)
  }

  async countVisible(visibility: Visibility): Promise<number> {
    const row = await this.db
      .selectFrom('clients as c')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(visibleTo(visibility))
      .executeTakeFirstOrThrow()
    return readNumber(row.count)
  }

  /** True when another client (not `exceptId`) has exactly this name. */
  async isNameTaken(name: string, exceptId?: number): Promise<boolean> {
    let query = this.db.selectFrom('clients').select('id').where('name', '=', name)
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
    return (await query.executeTakeFirst()) !== undefined
  }

  /** Applies the changes and stamps `updatedAt`; undefined when the client is gone. */
  async update(
    id: number,
    { customFields, ...changes }: ClientChanges,
    now: Date,
  ): Promise<Client | undefined> {
    const row = await this.db
      .updateTable('clients')
      .set({
        ...changes,
        ...(customFields ? { customFields: JSON.stringify(customFields) } : {}),
        updatedAt: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toClient(row)
  }
}
