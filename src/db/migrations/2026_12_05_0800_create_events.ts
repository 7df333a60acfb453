import type { Kysely } from 'kysely'
import { instantType, isPostgres, withId } from './column-types.js'

// The event outbox: one row per committed change (webhooks.md §3.2), written in the same
// transaction as the change. Its id is the shared event order: the live stream's event id
// (webhooks.md §12), the same on every process.
export async function up(db: Kysely<any>): Promise<void> {
  const table = isPostgres(db)
    ? db.schema.createTable('events').addColumn('id', 'bigserial', (c) => c.primaryKey())
    : withId(db, db.schema.createTable('events'))
  await table
    .addColumn('event_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('event_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('occurred_at', instantType(db), (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    // Who may see it on the live stream: the subject kind, the user owning it (a time
    // entry's user) and the project it belongs to, read at send time (api-core.md §8).
    .addColumn('subject_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'integer')
    .addColumn('project_id', 'integer')
    .addColumn('client_id', 'integer')
    // The webhook envelope (webhooks.md §4.1) as compact JSON.
    .addColumn('envelope', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('events_occurred_at_idx').on('events').column('occurred_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('events').execute()
}
