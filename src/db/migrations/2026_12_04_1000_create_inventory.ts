import type { Kysely } from 'kysely'
import { flagDefault, flagType, instantType, withId } from './column-types.js'

// Inventory of api-extended.md §2. Quantities are NUMERIC(10,2) in the contract and are kept
// exactly as integer hundredths; money (costs, prices) as integer cents.

async function createStockItems(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('stock_items'))
    .addColumn('sku', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('category', 'varchar(100)')
    .addColumn('unit', 'varchar(20)', (c) => c.notNull().defaultTo('pcs'))
    .addColumn('default_cost_cents', 'bigint')
    .addColumn('default_price_cents', 'bigint')
    .addColumn('currency_code', 'varchar(3)', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('barcode', 'varchar(100)')
    .addColumn('is_active', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('is_trackable', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('reorder_point_hundredths', 'bigint')
    .addColumn('reorder_quantity_hundredths', 'bigint')
    .addColumn('supplier', 'varchar(200)')
    .addColumn('supplier_sku', 'varchar(100)')
    .addColumn('image_url', 'varchar(500)')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema.createIndex('stock_items_name_idx').on('stock_items').columns(['name', 'id']).execute()
  await db.schema.createIndex('stock_items_category_idx').on('stock_items').column('category').execute()
}

async function createWarehouses(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('warehouses'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('code', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('address', 'text')
    .addColumn('contact_person', 'varchar(200)')
    .addColumn('contact_email', 'varchar(200)')
    .addColumn('contact_phone', 'varchar(50)')
    .addColumn('is_active', flagType(db), (c) => c.notNull().defaultTo(flagDefault(db, true)))
    .addColumn('notes', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .execute()
}

async function createWarehouseStock(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('warehouse_stock'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('stock_item_id', 'integer', (c) => c.notNull().references('stock_items.id'))
    .addColumn('quantity_on_hand_hundredths', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('quantity_reserved_hundredths', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('location', 'varchar(100)')
    .addColumn('last_counted_at', instantType(db))
    .addColumn('last_counted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('updated_at', instantType(db), (c) => c.notNull())
    .addUniqueConstraint('warehouse_stock_pair_unique', ['warehouse_id', 'stock_item_id'])
    .execute()
  await db.schema
    .createIndex('warehouse_stock_item_idx')
    .on('warehouse_stock')
    .columns(['stock_item_id', 'id'])
    .execute()
}

async function createStockMovements(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('stock_movements'))
    .addColumn('movement_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('stock_item_id', 'integer', (c) => c.notNull().references('stock_items.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('reference_type', 'varchar(50)')
    // 64-bit: transfer references are millisecond timestamps (api-extended.md §9 item 10).
    .addColumn('reference_id', 'bigint')
    .addColumn('unit_cost_cents', 'bigint')
    .addColumn('reason', 'varchar(500)')
    .addColumn('notes', 'text')
    .addColumn('moved_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('moved_at', instantType(db), (c) => c.notNull())
    .execute()
  const index = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('stock_movements').columns(columns).execute()
  await index('stock_movements_moved_at_idx', ['moved_at', 'id'])
  await index('stock_movements_reference_idx', ['reference_type', 'reference_id'])
  await index('stock_movements_item_idx', ['stock_item_id', 'moved_at'])
  await index('stock_movements_type_idx', ['movement_type', 'moved_at'])
}

async function createStockLots(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('stock_lots'))
    .addColumn('stock_item_id', 'integer', (c) => c.notNull().references('stock_items.id'))
    .addColumn('warehouse_id', 'integer', (c) => c.notNull().references('warehouses.id'))
    .addColumn('lot_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('unit_cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('quantity_on_hand_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('source_movement_id', 'integer', (c) => c.references('stock_movements.id'))
    .addColumn('notes', 'text')
    .execute()
  await db.schema
    .createIndex('stock_lots_fifo_idx')
    .on('stock_lots')
    .columns(['stock_item_id', 'warehouse_id', 'created_at', 'id'])
    .execute()
  await withId(db, db.schema.createTable('stock_lot_allocations'))
    .addColumn('stock_movement_id', 'integer', (c) => c.notNull().references('stock_movements.id'))
    .addColumn('stock_lot_id', 'integer', (c) => c.notNull().references('stock_lots.id'))
    .addColumn('quantity_hundredths', 'bigint', (c) => c.notNull())
    .addColumn('unit_cost_cents', 'bigint', (c) => c.notNull())
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('stock_lot_allocations_movement_idx')
    .on('stock_lot_allocations')
    .columns(['stock_movement_id', 'id'])
    .execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  await createStockItems(db)
  await createWarehouses(db)
  await createWarehouseStock(db)
  await createStockMovements(db)
  await createStockLots(db)
  // One row per transfer reference id: its primary key keeps concurrent transfers apart.
  await db.schema
    .createTable('stock_transfer_references')
    .addColumn('reference_id', 'bigint', (c) => c.primaryKey())
    .addColumn('created_at', instantType(db), (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'stock_transfer_references',
    'stock_lot_allocations',
    'stock_lots',
    'stock_movements',
    'warehouse_stock',
    'warehouses',
    'stock_items',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
