import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { StockItemJson } from './stock-item.schemas.js'
import { WarehouseJson } from './warehouse.schemas.js'

export const StockLevelQuery = Type.Object({
  warehouse_id: Type.Optional(Type.String({ description: 'Integer; anything else is ignored' })),
  stock_item_id: Type.Optional(Type.String({ description: 'Integer; anything else is ignored' })),
  category: Type.Optional(Type.String({ description: "Exact match on the item's category" })),
})

export const AvailabilityQuery = Type.Object({
  warehouse_id: Type.Optional(Type.String({ description: 'Integer; anything else is ignored' })),
})

/** One warehouse-stock row (api-extended.md §2.2). */
export const WarehouseStockJson = Type.Object({
  id: Type.Integer(),
  warehouse_id: Type.Integer(),
  stock_item_id: Type.Integer(),
  quantity_on_hand: Type.Number(),
  quantity_reserved: Type.Number(),
  quantity_available: Type.Number(),
  location: Nullable(Type.String()),
  last_counted_at: Nullable(Type.String()),
  last_counted_by: Nullable(Type.Integer()),
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const StockLevelListJson = Type.Object({
  stock_levels: Type.Array(
    Type.Object({
      warehouse: WarehouseJson,
      stock_item: StockItemJson,
      quantity_on_hand: Type.Number(),
      quantity_reserved: Type.Number(),
      quantity_available: Type.Number(),
      location: Nullable(Type.String()),
    }),
  ),
})

export const AvailabilityJson = Type.Object({
  item_id: Type.Integer(),
  item_sku: Type.String(),
  item_name: Type.String(),
  availability: Type.Array(
    Type.Object({
      warehouse_id: Type.Integer(),
      warehouse_code: Type.String(),
      warehouse_name: Type.String(),
      quantity_on_hand: Type.Number(),
      quantity_reserved: Type.Number(),
      quantity_available: Type.Number(),
      location: Nullable(Type.String()),
    }),
  ),
})
