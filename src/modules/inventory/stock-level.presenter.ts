import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { fromHundredths, integerQuery } from './inventory-values.rules.js'
import type { StockItem, StockLevel, WarehouseStock } from './inventory.types.js'
import { toStockItemJson } from './stock-item.presenter.js'
import type { StockLevelFilter } from './stock-level.repository.js'
import type {
  AvailabilityJson,
  StockLevelListJson,
  StockLevelQuery,
  WarehouseStockJson,
} from './stock-level.schemas.js'
import type { WarehouseAvailability } from './stock-level.service.js'
import { toWarehouseJson } from './warehouse.presenter.js'

export function fromStockLevelQuery(query: Static<typeof StockLevelQuery>): StockLevelFilter {
  const warehouseId = integerQuery(query.warehouse_id)
  const stockItemId = integerQuery(query.stock_item_id)
  return {
    ...(warehouseId !== undefined ? { warehouseId } : {}),
    ...(stockItemId !== undefined ? { stockItemId } : {}),
    ...(query.category ? { category: query.category } : {}),
  }
}

function quantitiesJson(stock: WarehouseStock) {
  return {
    quantity_on_hand: fromHundredths(stock.onHandHundredths),
    quantity_reserved: fromHundredths(stock.reservedHundredths),
    quantity_available: fromHundredths(stock.onHandHundredths - stock.reservedHundredths),
  }
}

export function toWarehouseStockJson(
  stock: WarehouseStock,
  write: DatetimeWriter,
): Static<typeof WarehouseStockJson> {
  return {
    id: stock.id,
    warehouse_id: stock.warehouseId,
    stock_item_id: stock.stockItemId,
    ...quantitiesJson(stock),
    location: stock.location,
    last_counted_at: optionalDatetime(write, stock.lastCountedAt),
    last_counted_by: stock.lastCountedBy,
    created_at: write(stock.createdAt),
    updated_at: write(stock.updatedAt),
  }
}

export function toStockLevelListJson(
  levels: StockLevel[],
  write: DatetimeWriter,
): Static<typeof StockLevelListJson> {
  return {
    stock_levels: levels.map(({ stock, item, warehouse }) => ({
      warehouse: toWarehouseJson(warehouse, write),
      stock_item: toStockItemJson(item, write),
      ...quantitiesJson(stock),
      location: stock.location,
    })),
  }
}

export function toAvailabilityJson(result: {
  item: StockItem
  rows: WarehouseAvailability[]
}): Static<typeof AvailabilityJson> {
  return {
    item_id: result.item.id,
    item_sku: result.item.sku,
    item_name: result.item.name,
    availability: result.rows.map((row) => ({
      warehouse_id: row.warehouseId,
      warehouse_code: row.warehouseCode,
      warehouse_name: row.warehouseName,
      ...quantitiesJson(row),
      location: row.location,
    })),
  }
}
