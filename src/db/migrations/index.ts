import type { Migration } from 'kysely'
import * as createAccounts from './2026_12_02_0900_create_accounts.js'
import * as createCoreTracking from './2026_12_02_1000_create_core_tracking.js'
import * as createQuotes from './2026_12_02_1100_create_quotes.js'
import * as timeEntryStats from './2026_12_03_0900_time_entry_stats.js'
import * as createInventory from './2026_12_04_1000_create_inventory.js'
import * as createCrmAndApprovals from './2026_12_04_1100_create_crm_and_approvals.js'
import * as createEvents from './2026_12_05_0800_create_events.js'
import * as createWebhooks from './2026_12_05_0900_create_webhooks.js'

/** Every migration in order; names are frozen once shipped. */
export const migrations: Record<string, Migration> = {
  '2026_12_02_0900_create_accounts': createAccounts,
  '2026_12_02_1000_create_core_tracking': createCoreTracking,
  '2026_12_02_1100_create_quotes': createQuotes,
  '2026_12_03_0900_time_entry_stats': timeEntryStats,
  '2026_12_04_1000_create_inventory': createInventory,
  '2026_12_04_1100_create_crm_and_approvals': createCrmAndApprovals,
  '2026_12_05_0800_create_events': createEvents,
  '2026_12_05_0900_create_webhooks': createWebhooks,
}
