import type { Insertable, Kysely, Selectable } from 'kysely'
import type { ClientTable, Database } from '../../db/tables.js'
import { readInstant } from '../../db/values.js'
import { clientVisible } from '../../db/visibility-filters.js'
import type { Visibility } from '../users/visibility.rules.js'
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

export type NewClient = Omit<Insertable<ClientTable>, 'id' | 'createdAt' | 'updatedAt'>

export class ClientRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(client: NewClient, now: Date): Promise<Client> {
    const row = await this.db
      .insertInto('clients')
      .values({ ...client, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toClient(row)
  }

  async findById(id: number): Promise<Client | undefined> {
    const row = await this.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toClient(row)
  }

  /** True when the client exists and `visibility` shows it. */
  async isVisible(id: number, visibility: Visibility): Promise<boolean> {
    const row = await this.db
      .selectFrom('clients as c')
      .select('c.id')
      .where('c.id', '=', id)
      .where(clientVisible(visibility, { id: 'c.id', createdBy: 'c.createdBy' }))
      .executeTakeFirst()
    return row !== undefined
  }
}
