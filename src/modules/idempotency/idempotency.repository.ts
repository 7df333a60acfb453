import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { Database } from '../../db/tables.js'
import { readInstant } from '../../db/values.js'

export interface KeyRef {
  apiTokenId: number
  scope: string
  keyHash: string
}

export interface StoredKey {
  state: 'pending' | 'completed'
  responseStatus: number | null
  responseBody: string | null
  createdAt: Date
}

function byRef<T extends { where: (...args: any[]) => T }>(query: T, ref: KeyRef): T {
  return query
    .where('apiTokenId', '=', ref.apiTokenId)
    .where('scope', '=', ref.scope)
    .where('keyHash', '=', ref.keyHash)
}

/** Idempotency keys in the database, shared by every process; the primary key decides races. */
export class IdempotencyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a pending claim; false when a record for the key already exists. */
  async claim(ref: KeyRef, now: Date): Promise<boolean> {
    try {
      await this.db
        .insertInto('idempotencyKeys')
        .values({ ...ref, state: 'pending', createdAt: now })
        .execute()
      return true
    } catch (error) {
      if (isUniqueViolation(error)) return false
      throw error
    }
  }

  async find(ref: KeyRef): Promise<StoredKey | undefined> {
    const row = await byRef(
      this.db.selectFrom('idempotencyKeys').select(['state', 'responseStatus', 'responseBody', 'createdAt']),
      ref,
    ).executeTakeFirst()
    return row && { ...row, createdAt: readInstant(row.createdAt) }
  }

  /** Takes over a claim last touched at `seenCreatedAt` (abandoned or expired); false when another request did first. */
  async takeOver(ref: KeyRef, seenCreatedAt: Date, now: Date): Promise<boolean> {
    const result = await byRef(this.db.updateTable('idempotencyKeys'), ref)
      .set({ state: 'pending', responseStatus: null, responseBody: null, createdAt: now })
      .where('createdAt', '=', seenCreatedAt)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async complete(ref: KeyRef, status: number, body: string): Promise<void> {
    await byRef(this.db.updateTable('idempotencyKeys'), ref)
      .set({ state: 'completed', responseStatus: status, responseBody: body })
      .execute()
  }

  async release(ref: KeyRef): Promise<void> {
    await byRef(this.db.deleteFrom('idempotencyKeys'), ref).where('state', '=', 'pending').execute()
  }

  async deleteOlderThan(cutoff: Date): Promise<void> {
    await this.db.deleteFrom('idempotencyKeys').where('createdAt', '<', cutoff).execute()
  }
}
