import { Type } from '@sinclair/typebox'
import { BooleanField, Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'

const Text = (description?: string) =>
  Type.Optional(Nullable(Type.String(description ? { description } : {})))

/** `POST` and `PUT|PATCH /inventory/warehouses`: only the keys present change on update. */
export const WarehouseBody = Type.Object({
  name: Text(),
  code: Text('Trimmed and upper-cased; unique'),
  address: Text(),
  contact_person: Text(),
  contact_email: Text(),
  contact_phone: Text(),
  is_active: Type.Optional(BooleanField({ description: 'Default true' })),
  notes: Text(),
})

export const WarehouseListQuery = Type.Object({
  active_only: Type.Optional(Type.String({ description: '`true` (default) = active warehouses only' })),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const WarehouseIdParams = Type.Object({ id: Type.String() })

export const WarehouseJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Type.String(),
  address: Nullable(Type.String()),
  contact_person: Nullable(Type.String()),
  contact_email: Nullable(Type.String()),
  contact_phone: Nullable(Type.String()),
  is_active: Type.Boolean(),
  notes: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  created_by: Type.Integer(),
})

/** The list's key is `items`, as in the original. */
export const WarehouseListJson = Type.Object({ items: Type.Array(WarehouseJson), pagination: PaginationJson })
export const WarehouseEnvelopeJson = Type.Object({ warehouse: WarehouseJson })
export const WarehouseSavedJson = Type.Object({ message: Type.String(), warehouse: WarehouseJson })
