import type { Kysely } from 'kysely'
import type { Database } from './tables.js'

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
 * Called inside a transaction already, it joins that one (Kysely cannot nest them).
 * On SQLite the one connection is held until the end: `work` must use `trx`, never `db`.
 */
export async function withTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return work(db)
  return db.transaction().execute(work)
}
