import type { Kysely, Selectable } from 'kysely'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { Database, WarehouseTable } from '../../db/tables.js'
import { readFlag, readInstant, readNumber } from '../../db/values.js'
import type { NewWarehouse, PageRequest, Warehouse, WarehouseChanges } from './inventory.types.js'

export function toWarehouse(row: Selectable<WarehouseTable>): Warehouse {
  return {
    ...row,
    isActive: readFlag(row.isActive),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

/** Warehouses; the code is unique (the database's key settles concurrent writes). */
export class WarehouseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<Warehouse | undefined> {
    const row = await this.db.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toWarehouse(row)
  }

  /** The warehouses with these ids (any order). */
  async findByIds(ids: number[]): Promise<Warehouse[]> {
    if (ids.length === 0) return []
    const rows = await this.db.selectFrom('warehouses').selectAll().where('id', 'in', ids).execute()
    return rows.map(toWarehouse)
  }

  /** One page by code and the number of matches. */
  async list(activeOnly: boolean, page: PageRequest): Promise<{ warehouses: Warehouse[]; total: number }> {
    const matching = this.db.selectFrom('warehouses').$if(activeOnly, (q) => q.where('isActive', '=', true))
    const counted = await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
    const rows = await matching
      .selectAll()
      .orderBy('code')
      .orderBy('id')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return { warehouses: rows.map(toWarehouse), total: readNumber(counted.total) }
  }

  /** Inserts the warehouse; undefined when the code is taken. */
  async insert(warehouse: NewWarehouse, createdBy: number, now: Date): Promise<Warehouse | undefined> {
    try {
      const row = await this.db
        .insertInto('warehouses')
        .values({ ...warehouse, createdBy, createdAt: now, updatedAt: now })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toWarehouse(row)
    } catch (error) {
      if (isUniqueViolation(error)) return undefined
      throw error
    }
  }

  /** Applies the changes; undefined when the new code is taken. */
  async update(id: number, changes: WarehouseChanges, now: Date): Promise<Warehouse | undefined> {
    try {
      const row = await this.db
        .updateTable('warehouses')
        .set({ ...changes, updatedAt: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
      return toWarehouse(row)
    } catch (error) {
      if (isUniqueViolation(error)) return undefined
      throw error
    }
  }
}
