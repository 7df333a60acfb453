import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { WarehouseStockJson } from './stock-level.schemas.js'

// Numbers and ids are declared loosely: the contract's checks run in its own order and
// with its own messages (api-extended.md §2.6.1), in stock-movement.rules.ts.

const Loose = (description: string) => Type.Optional(Type.Unknown({ description }))

export const MovementBody = Type.Object({
  movement_type: Loose('adjustment (default), purchase, sale, rent, return, waste, transfer or devaluation'),
  stock_item_id: Loose('Required integer'),
  warehouse_id: Loose('Required integer'),
  quantity: Loose('Required number or numeric string; signed (positive adds stock)'),
  unit_cost: Loose('Number or numeric string; used for inbound lots; falsy = none'),
  reason: Type.Optional(Nullable(Type.String({ description: 'At most 500 characters' }))),
  notes: Type.Optional(Nullable(Type.String())),
  reference_type: Type.Optional(
    Nullable(Type.String({ description: 'e.g. invoice, quote, project, manual' })),
  ),
  reference_id: Loose('Integer'),
  devalue_enabled: Loose('Boolean, default false; return and waste only'),
  devalue_method: Type.Optional(Nullable(Type.String({ description: '`percent` (default) or `fixed`' }))),
  devalue_percent: Loose('0–100, for the percent method'),
  devalue_unit_cost: Loose('The new unit cost, for the fixed method'),
})

export const StockMovementJson = Type.Object({
  id: Type.Integer(),
  movement_type: Type.String(),
  stock_item_id: Type.Integer(),
  warehouse_id: Type.Integer(),
  quantity: Type.Number(),
  reference_type: Nullable(Type.String()),
  reference_id: Nullable(Type.Integer()),
  unit_cost: Nullable(Type.Number()),
  reason: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  moved_by: Type.Integer(),
  moved_at: Type.String(),
})

/** A devaluation answers only its message. */
export const MovementRecordedJson = Type.Object({
  message: Type.String(),
  movement: Type.Optional(StockMovementJson),
  updated_stock: Type.Optional(WarehouseStockJson),
})
