import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'
import { StockMovementJson } from './stock-movement.schemas.js'

const Loose = (description: string) => Type.Optional(Type.Unknown({ description }))

export const TransferBody = Type.Object({
  stock_item_id: Loose('Required integer'),
  from_warehouse_id: Loose('Required integer'),
  to_warehouse_id: Loose('Required integer, another warehouse'),
  quantity: Loose('Required positive number or numeric string'),
  notes: Type.Optional(Nullable(Type.String({ description: 'Trimmed; empty = none' }))),
})

export const TransferListQuery = Type.Object({
  date_from: Type.Optional(Type.String({ description: 'Date or datetime; unparseable = ignored' })),
  date_to: Type.Optional(Type.String({ description: 'Date (whole day) or datetime; unparseable = ignored' })),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const TransferParams = Type.Object({ reference_id: Type.String() })

const transferFields = {
  reference_id: Type.Integer(),
  moved_at: Type.String(),
  stock_item_id: Type.Integer(),
  from_warehouse_id: Type.Integer(),
  to_warehouse_id: Type.Integer(),
  quantity: Type.Number(),
  notes: Nullable(Type.String()),
}

export const TransferListJson = Type.Object({
  transfers: Type.Array(Type.Object({ ...transferFields, movement_ids: Type.Array(Type.Integer()) })),
  pagination: PaginationJson,
})

export const TransferEnvelopeJson = Type.Object({
  transfer: Type.Object({ ...transferFields, movements: Type.Array(StockMovementJson) }),
})

export const TransferCreatedJson = Type.Object({
  message: Type.String(),
  reference_id: Type.Integer(),
  transfers: Type.Array(Type.Object({ movement_id: Type.Integer(), movement: StockMovementJson })),
})
