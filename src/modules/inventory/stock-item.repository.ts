import type { Kysely, Selectable } from 'kysely'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { Database, StockItemTable } from '../../db/tables.js'
import { containsIgnoringCase } from '../../db/text-match.js'
import { readFlag, readInstant, readNumber } from '../../db/values.js'
import type {
  NewStockItem,
  PageRequest,
  StockItem,
  StockItemChanges,
  StockItemFilter,
  StockTotals,
} from './inventory.types.js'

const NO_STOCK: StockTotals = { onHandHundredths: 0, reservedHundredths: 0, lowestOnHandHundredths: null }

export function toStockItem(row: Selectable<StockItemTable>, totals: StockTotals = NO_STOCK): StockItem {
  return {
    ...row,
    defaultCostCents: row.defaultCostCents === null ? null : readNumber(row.defaultCostCents),
    defaultPriceCents: row.defaultPriceCents === null ? null : readNumber(row.defaultPriceCents),
    reorderPointHundredths:
      row.reorderPointHundredths === null ? null : readNumber(row.reorderPointHundredths),
    reorderQuantityHundredths:
      row.reorderQuantityHundredths === null ? null : readNumber(row.reorderQuantityHundredths),
    isActive: readFlag(row.isActive),
    isTrackable: readFlag(row.isTrackable),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
    totals,
  }
}

/** Stock items with their stock totals, summed in SQL over the warehouse-stock rows. */
export class StockItemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<StockItem | undefined> {
    const row = await this.db.selectFrom('stockItems').selectAll().where('id', '=', id).executeTakeFirst()
    return row && (await this.withTotals([row]))[0]
  }

  /** The items with these ids (any order). */
  async findByIds(ids: number[]): Promise<StockItem[]> {
    if (ids.length === 0) return []
    const rows = await this.db.selectFrom('stockItems').selectAll().where('id', 'in', ids).execute()
    return this.withTotals(rows)
  }

  /** One page by name (ties by id) and the number of matches. */
  async list(filter: StockItemFilter, page: PageRequest): Promise<{ items: StockItem[]; total: number }> {
    const matching = this.db
      .selectFrom('stockItems')
      .$if(filter.activeOnly, (q) => q.where('isActive', '=', true))
      .$if(filter.category !== undefined, (q) => q.where('category', '=', filter.category as string))
      .$if(filter.search !== undefined, (q) =>
        q.where((eb) =>
          eb.or([
            containsIgnoringCase('sku', filter.search as string),
            containsIgnoringCase('name', filter.search as string),
            containsIgnoringCase('barcode', filter.search as string),
          ]),
        ),
      )
    const counted = await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
    const rows = await matching
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return { items: await this.withTotals(rows), total: readNumber(counted.total) }
  }

  /** Inserts the item; undefined when the SKU is taken. */
  async insert(item: NewStockItem, createdBy: number, now: Date): Promise<StockItem | undefined> {
    try {
      const row = await this.db
        .insertInto('stockItems')
        .values({ ...item, createdBy, createdAt: now, updatedAt: now })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toStockItem(row)
    } catch (error) {
      if (isUniqueViolation(error)) return undefined
      throw error
    }
  }

  async update(id: number, changes: StockItemChanges, now: Date): Promise<StockItem> {
    await this.db
      .updateTable('stockItems')
      .set({ ...changes, updatedAt: now })
      .where('id', '=', id)
      .execute()
    return (await this.findById(id)) as StockItem
  }

  /** The items with their totals, in the given order. */
  async withTotals(rows: Selectable<StockItemTable>[]): Promise<StockItem[]> {
    const totals = await this.totalsOf(rows.map((row) => row.id))
    return rows.map((row) => toStockItem(row, totals.get(row.id)))
  }

  private async totalsOf(itemIds: number[]): Promise<Map<number, StockTotals>> {
    if (itemIds.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('warehouseStock')
      .select((eb) => [
        'stockItemId',
        eb.fn.sum<number | string>('quantityOnHandHundredths').as('onHand'),
        eb.fn.sum<number | string>('quantityReservedHundredths').as('reserved'),
        eb.fn.min<number | string>('quantityOnHandHundredths').as('lowest'),
      ])
      .where('stockItemId', 'in', itemIds)
      .groupBy('stockItemId')
      .execute()
    return new Map(
      rows.map((row) => [
        row.stockItemId,
        {
          onHandHundredths: readNumber(row.onHand),
          reservedHundredths: readNumber(row.reserved),
          lowestOnHandHundredths: readNumber(row.lowest),
        },
      ]),
    )
  }
}
