import { sql, type Kysely } from 'kysely'
import { flagDefault, flagType, instantType, withId } from './column-types.js'

// CRM (api-extended.md §3) and time-entry approvals (§4). Money is stored in exact cents;
// string lengths match the request schemas, so a value that passed validation always fits.

async function createLeads(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('leads'))
    .addColumn('first_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('company_name', 'varchar(200)')
    .addColumn('email', 'varchar(200)')
    .addColumn('phone', 'varchar(50)')
    .addColumn('title', 'varchar(100)')
    .addColumn('source', 'varchar(100)')
    .addColumn('status', 'varchar(50)', (c) => c.notNull().defaultTo('new'))
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('estimated_value_cents', 'bigint')
    .addColumn('currency_code', 'varchar(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('converted_to_client_id', 'integer', (c) => c.references('clients.id').onDelete('set null'))
    // No foreign key: deals reference leads, and no route converts a lead (§3.2).
    .addColumn('converted_to_deal_id', 'integer')
    .addColumn('converted_at', instantType(db))
    .addColumn('converted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('tags', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('leads_owner_score_idx')
    .on('leads')
    .columns(['owner_id', 'score', 'created_at'])
    .execute()
  await db.schema.createIndex('leads_score_idx').on('leads').columns(['score', 'created_at']).execute()
}

async function createContacts(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('contacts'))
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('first_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('email', 'varchar(200)')
    .addColumn('phone', 'varchar(50)')
    .addColumn('mobile', 'varchar(50)')
    .addColumn('title', 'varchar(100)')
    .addColumn('department', 'varchar(100)')
    .addColumn('role', 'varchar(50)', (c) => c.notNull().defaultTo('contact'))
    .addColumn('is_primary', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('address', 'text')
    .addColumn('notes', 'text')
    .addColumn('tags', 'text')
    .addColumn('is_active', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('contacts_client_name_idx')
    .on('contacts')
    .columns(['client_id', 'last_name', 'first_name'])
    .execute()
  // At most one primary contact per client, whatever the concurrency (§3.3).
  await db.schema
    .createIndex('contacts_one_primary_idx')
    .unique()
    .on('contacts')
    .column('client_id')
    .where(sql.ref('is_primary'), '=', flagDefault(db, true))
    .execute()
}

async function createDeals(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('deals'))
    .addColumn('client_id', 'integer', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id').onDelete('set null'))
    .addColumn('lead_id', 'integer', (c) => c.references('leads.id').onDelete('set null'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('stage', 'varchar(50)', (c) => c.notNull().defaultTo('prospecting'))
    .addColumn('value_cents', 'bigint')
    .addColumn('currency_code', 'varchar(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('probability', 'integer')
    .addColumn('expected_close_date', 'varchar(10)')
    .addColumn('actual_close_date', 'varchar(10)')
    .addColumn('status', 'varchar(50)', (c) => c.notNull().defaultTo('open'))
    .addColumn('loss_reason', 'text')
    .addColumn('related_quote_id', 'integer', (c) => c.references('quotes.id').onDelete('set null'))
    .addColumn('related_project_id', 'integer', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .addColumn('closed_at', instantType(db))
    .execute()
  await db.schema
    .createIndex('deals_owner_status_idx')
    .on('deals')
    .columns(['owner_id', 'status', 'expected_close_date'])
    .execute()
  await db.schema
    .createIndex('deals_status_close_idx')
    .on('deals')
    .columns(['status', 'expected_close_date'])
    .execute()
}

async function createApprovals(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('time_entry_approvals'))
    .addColumn('time_entry_id', 'integer', (c) =>
      c.notNull().references('time_entries.id').onDelete('cascade'),
    )
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('pending'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('approved_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', instantType(db), (c) => c.notNull())
    .addColumn('approved_at', instantType(db))
    .addColumn('rejected_at', instantType(db))
    .addColumn('request_comment', 'text')
    .addColumn('approval_comment', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('parent_approval_id', 'integer', (c) =>
      c.references('time_entry_approvals.id').onDelete('set null'),
    )
    .addColumn('approval_level', 'integer', (c) => c.notNull())
    .execute()
  // One pending chain per entry: two simultaneous requests cannot both create level 1 (§4.3).
  await db.schema
    .createIndex('time_entry_approvals_one_pending_idx')
    .unique()
    .on('time_entry_approvals')
    .columns(['time_entry_id', 'approval_level'])
    .where(sql.ref('status'), '=', sql.lit('pending'))
    .execute()
  await db.schema
    .createIndex('time_entry_approvals_status_requested_idx')
    .on('time_entry_approvals')
    .columns(['status', 'requested_at'])
    .execute()
  await db.schema
    .createIndex('time_entry_approvals_parent_idx')
    .on('time_entry_approvals')
    .column('parent_approval_id')
    .execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  await createLeads(db)
  await createContacts(db)
  await createDeals(db)
  await createApprovals(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['time_entry_approvals', 'deals', 'contacts', 'leads']) {
    await db.schema.dropTable(table).execute()
  }
}
