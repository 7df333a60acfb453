import { sql, type Kysely } from 'kysely'
import { flagDefault, flagType, instantType, withId } from './column-types.js'

async function createClients(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('clients'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('company', 'varchar(200)')
    .addColumn('description', 'text')
    .addColumn('contact_person', 'varchar(200)')
    .addColumn('email', 'varchar(200)')
    .addColumn('phone', 'varchar(50)')
    .addColumn('address', 'text')
    .addColumn('default_hourly_rate_cents', 'bigint')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('active'))
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('user_clients')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_clients_pk', ['user_id', 'client_id'])
    .execute()
}

async function createProjects(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('projects'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('code', 'varchar(20)', (c) => c.unique())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('description', 'text')
    .addColumn('billable', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('hourly_rate_cents', 'bigint')
    .addColumn('billing_ref', 'varchar(100)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('active'))
    .addColumn('estimated_hours', 'real')
    .addColumn('budget_amount_cents', 'bigint')
    .addColumn('budget_threshold_percent', 'integer', (c) => c.notNull().defaultTo(80))
    .addColumn('color', 'varchar(7)')
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .addColumn('archived_at', instantType(db))
    .addColumn('archived_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('archived_reason', 'text')
    .addUniqueConstraint('projects_client_name_unique', ['client_id', 'name'])
    .execute()
  await db.schema.createIndex('projects_status_name_idx').on('projects').columns(['status', 'name']).execute()
  await db.schema.createIndex('projects_created_by_idx').on('projects').column('created_by').execute()
  await db.schema
    .createTable('project_members')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
    .execute()
  await db.schema.createIndex('project_members_user_idx').on('project_members').column('user_id').execute()
}

async function createTasks(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('tasks'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('todo'))
    .addColumn('priority', 'varchar(10)', (c) => c.notNull().defaultTo('medium'))
    .addColumn('estimated_hours', 'real')
    .addColumn('due_date', 'varchar(10)')
    .addColumn('assigned_to', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('tags', 'text')
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .addColumn('started_at', instantType(db))
    .addColumn('completed_at', instantType(db))
    .execute()
  await db.schema.createIndex('tasks_project_idx').on('tasks').column('project_id').execute()
  await db.schema.createIndex('tasks_assigned_idx').on('tasks').column('assigned_to').execute()
}

async function createTimeEntries(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('time_entries'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id'))
    .addColumn('client_id', 'integer', (c) => c.references('clients.id'))
    .addColumn('task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('start_time', instantType(db), (c) => c.notNull())
    .addColumn('end_time', instantType(db))
    .addColumn('duration_seconds', 'integer')
    .addColumn('break_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_at', instantType(db))
    .addColumn('notes', 'text')
    .addColumn('tags', 'text')
    .addColumn('source', 'varchar(20)', (c) => c.notNull().defaultTo('manual'))
    .addColumn('billable', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('paid', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('invoice_number', 'varchar(100)')
    // The owner's id while this entry is the one running timer allowed by single_active_timer;
    // the unique index makes a second one impossible, whatever the concurrency.
    .addColumn('single_timer_owner', 'integer', (c) => c.unique())
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('time_entries_user_start_idx')
    .on('time_entries')
    .columns(['user_id', 'start_time'])
    .execute()
  await db.schema
    .createIndex('time_entries_start_idx')
    .on('time_entries')
    .columns(['start_time', 'id'])
    .execute()
  await db.schema
    .createIndex('time_entries_project_start_idx')
    .on('time_entries')
    .columns(['project_id', 'start_time'])
    .execute()
  await db.schema.createIndex('time_entries_task_idx').on('time_entries').column('task_id').execute()
  await db.schema
    .createIndex('time_entries_running_idx')
    .on('time_entries')
    .column('user_id')
    .where(sql.ref('end_time'), 'is', null)
    .execute()
}

async function createIdempotencyKeys(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('api_token_id', 'integer', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
    .addColumn('scope', 'varchar(100)', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['api_token_id', 'scope', 'key_hash'])
    .execute()
  await db.schema
    .createIndex('idempotency_keys_created_idx')
    .on('idempotency_keys')
    .column('created_at')
    .execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  await createClients(db)
  await createProjects(db)
  await createTasks(db)
  await createTimeEntries(db)
  await createIdempotencyKeys(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'time_entries',
    'tasks',
    'project_members',
    'projects',
    'user_clients',
    'clients',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
