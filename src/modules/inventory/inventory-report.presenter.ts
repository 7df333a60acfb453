import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest, toPaginationJson } from '../../http/pagination.js'
import { dateRange, fromHundredths, integerQuery, rangeBound, textQuery } from './inventory-values.rules.js'
import {
  categoryKey,
  detailCost,
  movementReference,
  totalValue,
  turnoverFigures,
  valuationBuckets,
  warehouseKey,
  wholeDays,
} from './inventory-report.rules.js'
import type {
  LowStockJson,
  MovementHistoryJson,
  MovementHistoryQuery,
  TurnoverJson,
  TurnoverQuery,
  ValuationJson,
  ValuationQuery,
} from './inventory-report.schemas.js'
import type { Turnover } from './inventory-report.service.js'
import type {
  LowStockRow,
  MovementHistory,
  MovementHistoryFilter,
  ValuationFilter,
  ValuationRow,
} from './inventory-report.types.js'
import type { InstantRange, PageRequest } from './inventory.types.js'

const value = (tenThousandths: number) => tenThousandths / 10_000

export function fromValuationQuery(query: Static<typeof ValuationQuery>): ValuationFilter {
  const warehouseId = integerQuery(query.warehouse_id)
  const category = textQuery(query.category)
  const currencyCode = textQuery(query.currency_code)
  return {
    ...(warehouseId !== undefined ? { warehouseId } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(currencyCode !== undefined ? { currencyCode } : {}),
  }
}

export function toValuationJson(rows: ValuationRow[], filter: ValuationFilter): Static<typeof ValuationJson> {
  const byWarehouse = valuationBuckets(rows, warehouseKey).map((bucket) => [
    bucket.key,
    {
      warehouse_id: bucket.row.warehouseId,
      warehouse_name: bucket.row.warehouseName,
      warehouse_code: bucket.row.warehouseCode,
      value: value(bucket.valueTenThousandths),
      currency: bucket.currencyCode,
    },
  ])
  const byCategory = valuationBuckets(rows, categoryKey).map((bucket) => [
    bucket.key,
    { category: bucket.key, value: value(bucket.valueTenThousandths), currency: bucket.currencyCode },
  ])
  return {
    total_value: value(totalValue(rows)),
    by_warehouse: Object.fromEntries(byWarehouse) as Static<typeof ValuationJson>['by_warehouse'],
    by_category: Object.fromEntries(byCategory) as Static<typeof ValuationJson>['by_category'],
    item_details: rows.map((row) => ({
      item_id: row.itemId,
      sku: row.sku,
      name: row.name,
      category: row.category,
      warehouse_id: row.warehouseId,
      warehouse_name: row.warehouseName,
      quantity: fromHundredths(row.quantityHundredths),
      cost: detailCost(row),
      value: value(row.valueTenThousandths),
      currency: row.currencyCode,
    })),
    currency: filter.currencyCode ?? 'EUR',
    warehouse_id: filter.warehouseId ?? null,
    category: filter.category ?? null,
  }
}

/** Filters, and the page only when both `page` and `per_page` are integers (§2.8.2). */
export function fromMovementHistoryQuery(
  query: Static<typeof MovementHistoryQuery>,
  timeZone: string,
): { filter: MovementHistoryFilter; page: PageRequest | undefined } {
  const stockItemId = integerQuery(query.stock_item_id)
  const warehouseId = integerQuery(query.warehouse_id)
  const movementType = textQuery(query.movement_type)
  const paginated = integerQuery(query.page) !== undefined && integerQuery(query.per_page) !== undefined
  return {
    filter: {
      ...dateRange({ dateFrom: query.date_from, dateTo: query.date_to }, timeZone),
      ...(stockItemId !== undefined ? { stockItemId } : {}),
      ...(warehouseId !== undefined ? { warehouseId } : {}),
      ...(movementType !== undefined ? { movementType } : {}),
    },
    page: paginated ? parsePageRequest(query) : undefined,
  }
}

export function toMovementHistoryJson(
  history: MovementHistory,
  write: DatetimeWriter,
): Static<typeof MovementHistoryJson> {
  return {
    movements: history.rows.map((row) => ({
      id: row.id,
      date: write(row.movedAt),
      item_id: row.itemId,
      item_sku: row.itemSku,
      item_name: row.itemName,
      warehouse_id: row.warehouseId,
      warehouse_name: row.warehouseName,
      quantity: fromHundredths(row.quantityHundredths),
      type: row.movementType,
      reference: movementReference(row.referenceType, row.referenceId),
      notes: row.notes,
    })),
    total_movements: history.total,
    ...(history.page ? { pagination: toPaginationJson(history.page, history.total) } : {}),
  }
}

export function fromTurnoverQuery(
  query: Static<typeof TurnoverQuery>,
  timeZone: string,
): { range: InstantRange; itemId: number | undefined } {
  return {
    range: {
      from: rangeBound(query.start_date, timeZone, 'start'),
      to: rangeBound(query.end_date, timeZone, 'end'),
    },
    itemId: integerQuery(query.item_id),
  }
}

export function toTurnoverJson(turnover: Turnover, write: DatetimeWriter): Static<typeof TurnoverJson> {
  const days = wholeDays(turnover.start, turnover.end)
  return {
    start_date: write(turnover.start),
    end_date: write(turnover.end),
    items: turnover.rows.map((row) => {
      const figures = turnoverFigures(row, days)
      return {
        item_id: row.itemId,
        sku: row.sku,
        name: row.name,
        quantity_sold: figures.quantitySold,
        avg_stock: figures.avgStock,
        turnover_rate: figures.turnoverRate,
        days_on_hand: figures.daysOnHand,
      }
    }),
  }
}

export function toLowStockJson(rows: LowStockRow[]): Static<typeof LowStockJson> {
  return {
    items: rows.map((row) => ({
      item_id: row.itemId,
      item_sku: row.itemSku,
      item_name: row.itemName,
      warehouse_id: row.warehouseId,
      warehouse_code: row.warehouseCode,
      warehouse_name: row.warehouseName,
      quantity_on_hand: fromHundredths(row.onHandHundredths),
      reorder_point: fromHundredths(row.reorderPointHundredths),
      reorder_quantity: fromHundredths(row.reorderQuantityHundredths ?? 0),
      shortfall: fromHundredths(row.reorderPointHundredths - row.onHandHundredths),
    })),
  }
}
