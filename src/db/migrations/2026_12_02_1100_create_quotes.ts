import type { Kysely } from 'kysely'
import { flagDefault, flagType, instantType, withId } from './column-types.js'

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('quotes'))
    .addColumn('quote_number', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('client_id', 'integer', (c) => c.notNull().references('clients.id'))
    .addColumn('project_id', 'integer', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().defaultTo('draft'))
    .addColumn('tax_rate_hundredths', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency_code', 'varchar(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('notes', 'text')
    .addColumn('terms', 'text')
    .addColumn('visible_to_client', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, false)))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('accepted_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', instantType(db))
    .addColumn('accepted_at', instantType(db))
    .addColumn('rejected_at', instantType(db))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('quotes_created_by_idx')
    .on('quotes')
    .columns(['created_by', 'created_at'])
    .execute()
  await withId(db, db.schema.createTable('quote_items'))
    .addColumn('quote_id', 'integer', (c) => c.notNull().references('quotes.id').onDelete('cascade'))
    .addColumn('line_kind', 'varchar(10)', (c) => c.notNull().defaultTo('item'))
    .addColumn('display_name', 'varchar(200)')
    .addColumn('category', 'varchar(100)')
    .addColumn('line_date', 'varchar(10)')
    .addColumn('sku', 'varchar(100)')
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    // Exact decimals: quantity in thousandths, unit price in cents.
    .addColumn('quantity_thousandths', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('unit', 'varchar(20)')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('quote_items_quote_idx')
    .on('quote_items')
    .columns(['quote_id', 'position'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('quote_items').execute()
  await db.schema.dropTable('quotes').execute()
}
