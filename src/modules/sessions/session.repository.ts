import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.js'
import { readInstant } from '../../db/values.js'

export interface Session {
  userId: number
  csrfToken: string
  expiresAt: Date
}

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(idHash: string, session: Session, now: Date): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ idHash, ...session, createdAt: now })
      .execute()
  }

  async find(idHash: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['userId', 'csrfToken', 'expiresAt'])
      .where('idHash', '=', idHash)
      .executeTakeFirst()
    return row && { ...row, expiresAt: readInstant(row.expiresAt) }
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('idHash', '=', idHash).execute()
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.deleteFrom('sessions').where('expiresAt', '<', now).execute()
  }
}
