import type { Migration } from 'kysely'
import * as createAccounts from './2026_12_02_0900_create_accounts.js'

/** Every migration in order; names are frozen once shipped. */
export const migrations: Record<string, Migration> = {
  '2026_12_02_0900_create_accounts': createAccounts,
}
