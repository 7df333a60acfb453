import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'

// Query values that do not parse are ignored (api-extended.md §2.8), so every one is a string here.

const IntegerQuery = () => Type.Optional(Type.String({ description: 'Integer; anything else is ignored' }))
const DateQuery = (description: string) => Type.Optional(Type.String({ description }))

export const ValuationQuery = Type.Object({
  warehouse_id: IntegerQuery(),
  category: Type.Optional(Type.String({ description: 'Exact item category' })),
  currency_code: Type.Optional(Type.String({ description: 'Only items in this currency (no conversion)' })),
})

export const MovementHistoryQuery = Type.Object({
  date_from: DateQuery('Date or datetime; unparseable = ignored'),
  date_to: DateQuery('Date (whole day) or datetime; unparseable = ignored'),
  stock_item_id: IntegerQuery(),
  warehouse_id: IntegerQuery(),
  movement_type: Type.Optional(Type.String()),
  page: Type.Optional(Type.String({ description: 'Paginates only together with per_page' })),
  per_page: Type.Optional(Type.String({ description: 'Paginates only together with page' })),
})

export const TurnoverQuery = Type.Object({
  start_date: DateQuery('Default: now − 365 days'),
  end_date: DateQuery('Default: now; a date means the end of that day'),
  item_id: IntegerQuery(),
})

export const LowStockQuery = Type.Object({ warehouse_id: IntegerQuery() })

const money = { value: Type.Number(), currency: Type.String() }

export const ValuationJson = Type.Object({
  total_value: Type.Number(),
  by_warehouse: Type.Record(
    Type.String(),
    Type.Object({
      warehouse_id: Type.Integer(),
      warehouse_name: Type.String(),
      warehouse_code: Type.String(),
      ...money,
    }),
  ),
  by_category: Type.Record(Type.String(), Type.Object({ category: Type.String(), ...money })),
  item_details: Type.Array(
    Type.Object({
      item_id: Type.Integer(),
      sku: Type.String(),
      name: Type.String(),
      category: Nullable(Type.String()),
      warehouse_id: Type.Integer(),
      warehouse_name: Type.String(),
      quantity: Type.Number(),
      cost: Type.Number(),
      ...money,
    }),
  ),
  currency: Type.String(),
  warehouse_id: Nullable(Type.Integer()),
  category: Nullable(Type.String()),
})

export const MovementHistoryJson = Type.Object({
  movements: Type.Array(
    Type.Object({
      id: Type.Integer(),
      date: Type.String(),
      item_id: Type.Integer(),
      item_sku: Type.String(),
      item_name: Type.String(),
      warehouse_id: Type.Integer(),
      warehouse_name: Type.String(),
      quantity: Type.Number(),
      type: Type.String(),
      reference: Nullable(Type.String()),
      notes: Nullable(Type.String()),
    }),
  ),
  total_movements: Type.Integer(),
  pagination: Type.Optional(PaginationJson),
})

export const TurnoverJson = Type.Object({
  start_date: Type.String(),
  end_date: Type.String(),
  items: Type.Array(
    Type.Object({
      item_id: Type.Integer(),
      sku: Type.String(),
      name: Type.String(),
      quantity_sold: Type.Number(),
      avg_stock: Type.Number(),
      turnover_rate: Type.Number(),
      days_on_hand: Type.Number(),
    }),
  ),
})

export const LowStockJson = Type.Object({
  items: Type.Array(
    Type.Object({
      item_id: Type.Integer(),
      item_sku: Type.String(),
      item_name: Type.String(),
      warehouse_id: Type.Integer(),
      warehouse_code: Type.String(),
      warehouse_name: Type.String(),
      quantity_on_hand: Type.Number(),
      reorder_point: Type.Number(),
      reorder_quantity: Type.Number(),
      shortfall: Type.Number(),
    }),
  ),
})
