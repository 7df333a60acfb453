import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.js'
import { readInstant, readNumber } from '../../db/values.js'
import type {
  LowStockRow,
  MovementHistoryFilter,
  MovementHistoryRow,
  TurnoverRow,
  ValuationFilter,
  ValuationRow,
} from './inventory-report.types.js'
import type { InstantRange, PageRequest } from './inventory.types.js'

const TURNOVER_TYPES = ['sale', 'usage', 'consumption']

/** The inventory reports of api-extended.md §2.8, each one aggregating query. */
export class InventoryReportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** True when any valuation lot exists (the valuation then runs in lot mode). */
  async hasLots(): Promise<boolean> {
    return (await this.db.selectFrom('stockLots').select('id').limit(1).executeTakeFirst()) !== undefined
  }

  /** Lot mode: positive lots of active trackable items summed per (item, warehouse), in first-lot order. */
  async lotValuation(filter: ValuationFilter): Promise<ValuationRow[]> {
    const rows = await this.db
      .selectFrom('stockLots as l')
      .innerJoin('stockItems as i', 'i.id', 'l.stockItemId')
      .innerJoin('warehouses as w', 'w.id', 'l.warehouseId')
      .select((eb) => [
        'l.stockItemId as itemId',
        'l.warehouseId as warehouseId',
        'i.sku',
        'i.name',
        'i.category',
        'i.currencyCode',
        'w.name as warehouseName',
        'w.code as warehouseCode',
        eb.fn.min('l.id').as('firstLotId'),
        eb.fn.sum<number | string>('l.quantityOnHandHundredths').as('quantity'),
        eb.fn.sum<number | string>(sql`l.quantity_on_hand_hundredths * l.unit_cost_cents`).as('value'),
      ])
      .where('l.quantityOnHandHundredths', '>', 0)
      .where('i.isActive', '=', true)
      .where('i.isTrackable', '=', true)
      .$call((q) => applyValuationFilter(q, filter, 'l.warehouseId'))
      .groupBy([
        'l.stockItemId',
        'l.warehouseId',
        'i.sku',
        'i.name',
        'i.category',
        'i.currencyCode',
        'w.name',
        'w.code',
      ])
      .orderBy('firstLotId')
      .execute()
    return rows.map(({ firstLotId: _, quantity, value, ...row }) => ({
      ...row,
      quantityHundredths: readNumber(quantity),
      valueTenThousandths: readNumber(value),
    }))
  }

  /** Fallback mode: warehouse-stock rows with stock, valued at the item's default cost. */
  async stockValuation(filter: ValuationFilter): Promise<ValuationRow[]> {
    const rows = await this.db
      .selectFrom('warehouseStock as s')
      .innerJoin('stockItems as i', 'i.id', 's.stockItemId')
      .innerJoin('warehouses as w', 'w.id', 's.warehouseId')
      .select([
        's.stockItemId as itemId',
        's.warehouseId as warehouseId',
        'i.sku',
        'i.name',
        'i.category',
        'i.currencyCode',
        'w.name as warehouseName',
        'w.code as warehouseCode',
        's.quantityOnHandHundredths as quantity',
        'i.defaultCostCents as cost',
      ])
      .where('s.quantityOnHandHundredths', '>', 0)
      .where('i.isActive', '=', true)
      .where('i.isTrackable', '=', true)
      .$call((q) => applyValuationFilter(q, filter, 's.warehouseId'))
      .orderBy('s.id')
      .execute()
    return rows.map(({ quantity, cost, ...row }) => ({
      ...row,
      quantityHundredths: readNumber(quantity),
      costCents: readNumber(cost),
      valueTenThousandths: readNumber(quantity) * readNumber(cost),
    }))
  }

  /** Matching movements, newest first; one page when `page` is given. */
  async movementHistory(
    filter: MovementHistoryFilter,
    page: PageRequest | undefined,
  ): Promise<{ rows: MovementHistoryRow[]; total: number }> {
    const matching = this.db
      .selectFrom('stockMovements as m')
      .innerJoin('stockItems as i', 'i.id', 'm.stockItemId')
      .innerJoin('warehouses as w', 'w.id', 'm.warehouseId')
      .$if(filter.from !== undefined, (q) => q.where('m.movedAt', '>=', filter.from as Date))
      .$if(filter.to !== undefined, (q) => q.where('m.movedAt', '<=', filter.to as Date))
      .$if(filter.stockItemId !== undefined, (q) =>
        q.where('m.stockItemId', '=', filter.stockItemId as number),
      )
      .$if(filter.warehouseId !== undefined, (q) =>
        q.where('m.warehouseId', '=', filter.warehouseId as number),
      )
      .$if(filter.movementType !== undefined, (q) =>
        q.where('m.movementType', '=', filter.movementType as string),
      )
    const counted = await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
    const rows = await matching
      .select([
        'm.id',
        'm.movedAt',
        'm.stockItemId as itemId',
        'i.sku as itemSku',
        'i.name as itemName',
        'm.warehouseId',
        'w.name as warehouseName',
        'm.quantityHundredths',
        'm.movementType',
        'm.referenceType',
        'm.referenceId',
        'm.notes',
      ])
      .orderBy('m.movedAt', 'desc')
      .orderBy('m.id', 'desc')
      .$if(page !== undefined, (q) =>
        q
          .limit((page as PageRequest).perPage)
          .offset(((page as PageRequest).page - 1) * (page as PageRequest).perPage),
      )
      .execute()
    return {
      rows: rows.map((row) => ({
        ...row,
        movedAt: readInstant(row.movedAt),
        quantityHundredths: readNumber(row.quantityHundredths),
        referenceId: row.referenceId === null ? null : readNumber(row.referenceId),
      })),
      total: readNumber(counted.total),
    }
  }

  /** Sales per item in the range (first-seen order) with the on-hand of the item's first stock row. */
  async turnover(range: Required<InstantRange>, itemId: number | undefined): Promise<TurnoverRow[]> {
    const rows = await this.db
      .selectFrom('stockMovements as m')
      .innerJoin('stockItems as i', 'i.id', 'm.stockItemId')
      .select((eb) => [
        'm.stockItemId as itemId',
        'i.sku',
        'i.name',
        eb.fn.min('m.id').as('firstMovementId'),
        eb.fn.sum<number | string>(sql`abs(m.quantity_hundredths)`).as('sold'),
        eb
          .selectFrom('warehouseStock as s')
          .select('s.quantityOnHandHundredths')
          .whereRef('s.stockItemId', '=', 'm.stockItemId')
          .orderBy('s.id')
          .limit(1)
          .as('stock'),
      ])
      .where('m.movedAt', '>=', range.from)
      .where('m.movedAt', '<=', range.to)
      .where('m.movementType', 'in', TURNOVER_TYPES)
      .$if(itemId !== undefined, (q) => q.where('m.stockItemId', '=', itemId as number))
      .groupBy(['m.stockItemId', 'i.sku', 'i.name'])
      .orderBy('firstMovementId')
      .execute()
    return rows.map((row) => ({
      itemId: row.itemId,
      sku: row.sku,
      name: row.name,
      soldHundredths: readNumber(row.sold),
      stockHundredths: readNumber(row.stock),
    }))
  }

  /** Stock rows below their active trackable item's reorder point, by item id then row id. */
  async lowStock(warehouseId: number | undefined): Promise<LowStockRow[]> {
    const rows = await this.db
      .selectFrom('stockItems as i')
      .innerJoin('warehouseStock as s', 's.stockItemId', 'i.id')
      .innerJoin('warehouses as w', 'w.id', 's.warehouseId')
      .select([
        'i.id as itemId',
        'i.sku as itemSku',
        'i.name as itemName',
        's.warehouseId',
        'w.code as warehouseCode',
        'w.name as warehouseName',
        's.quantityOnHandHundredths as onHand',
        'i.reorderPointHundredths as reorderPoint',
        'i.reorderQuantityHundredths as reorderQuantity',
      ])
      .where('i.isActive', '=', true)
      .where('i.isTrackable', '=', true)
      .where('i.reorderPointHundredths', 'is not', null)
      .where('i.reorderPointHundredths', '!=', 0)
      .whereRef('s.quantityOnHandHundredths', '<', 'i.reorderPointHundredths')
      .$if(warehouseId !== undefined, (q) => q.where('s.warehouseId', '=', warehouseId as number))
      .orderBy('i.id')
      .orderBy('s.id')
      .execute()
    return rows.map(({ onHand, reorderPoint, reorderQuantity, ...row }) => ({
      ...row,
      onHandHundredths: readNumber(onHand),
      reorderPointHundredths: readNumber(reorderPoint),
      reorderQuantityHundredths: reorderQuantity === null ? null : readNumber(reorderQuantity),
    }))
  }
}

/** The valuation filters on the joined item (`i`) and the row's warehouse column. */
function applyValuationFilter<Q extends { where: (...args: any[]) => Q }>(
  query: Q,
  filter: ValuationFilter,
  warehouseColumn: 'l.warehouseId' | 's.warehouseId',
): Q {
  let filtered = query
  if (filter.warehouseId !== undefined) filtered = filtered.where(warehouseColumn, '=', filter.warehouseId)
  if (filter.category !== undefined) filtered = filtered.where('i.category', '=', filter.category)
  if (filter.currencyCode !== undefined) filtered = filtered.where('i.currencyCode', '=', filter.currencyCode)
  return filtered
}
