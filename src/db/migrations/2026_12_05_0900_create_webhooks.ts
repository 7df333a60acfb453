import { sql, type Kysely } from 'kysely'
import { flagDefault, flagType, instantType, isPostgres, withId } from './column-types.js'

// Outgoing webhooks (webhooks.md §2) and their delivery records. A delivery is written
// `pending` in the transaction of the change that raised its event (§6.4) and then claimed
// by one dispatcher at a time through its claim columns.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('webhooks'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('url', 'varchar(500)', (c) => c.notNull())
    // `enc:v1:` + Fernet token (webhooks.md §8); null when the webhook signs nothing.
    .addColumn('secret', 'text')
    // JSON array of subscribed event names, may contain "*".
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('http_method', 'varchar(10)', (c) => c.notNull().defaultTo('POST'))
    .addColumn('content_type', 'varchar(50)', (c) => c.notNull().defaultTo('application/json'))
    // JSON object of extra request headers, or null.
    .addColumn('headers', 'text')
    .addColumn('is_active', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('max_retries', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('retry_delay_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('total_deliveries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('successful_deliveries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_deliveries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_delivery_at', instantType(db))
    .addColumn('last_success_at', instantType(db))
    .addColumn('last_failure_at', instantType(db))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('webhooks_user_id_created_at_idx')
    .on('webhooks')
    .columns(['user_id', 'created_at'])
    .execute()

  const deliveries = isPostgres(db)
    ? db.schema.createTable('webhook_deliveries').addColumn('id', 'bigserial', (c) => c.primaryKey())
    : withId(db, db.schema.createTable('webhook_deliveries'))
  await deliveries
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('event_id', 'varchar(100)', (c) => c.notNull())
    // The exact body bytes sent (webhooks.md §4.4) and their SHA-256.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('payload_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('attempt_number', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('retry_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_retry_at', instantType(db))
    .addColumn('response_status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('response_headers', 'text')
    .addColumn('error_message', 'text')
    .addColumn('error_type', 'varchar(30)')
    .addColumn('started_at', instantType(db), (c) => c.notNull())
    .addColumn('completed_at', instantType(db))
    .addColumn('duration_ms', 'integer')
    // Which dispatcher is making the current attempt, and until when (epoch milliseconds):
    // an expired claim (its process died) may be taken over.
    .addColumn('claimed_by', 'varchar(64)')
    .addColumn('claimed_until_ms', 'bigint')
    .execute()
  // The open queue of each webhook, in delivery order: the dispatcher's every lookup.
  await db.schema
    .createIndex('webhook_deliveries_open_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .where(sql.ref('status'), 'in', ['pending', 'retrying'])
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_webhook_started_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'started_at', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_deliveries').execute()
  await db.schema.dropTable('webhooks').execute()
}
