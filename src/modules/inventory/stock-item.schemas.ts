import { Type } from '@sinclair/typebox'
import { BooleanField, Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'

// Request shapes. Unknown keys are ignored (api-core.md §2.3). Amounts are declared loosely:
// falsy values mean "unset" and the rules check the rest (api-extended.md §2.3).

const Amount = (description: string) => Type.Unknown({ description })
const Text = () => Type.Optional(Nullable(Type.String()))

const stockItemBodyFields = {
  name: Text(),
  description: Text(),
  category: Text(),
  unit: Type.Optional(Nullable(Type.String({ description: 'Default `pcs`' }))),
  default_price: Type.Optional(Amount('Number or numeric string; null, 0 or "" = unset')),
  default_cost: Type.Optional(Amount('Number or numeric string; null, 0 or "" = unset')),
  barcode: Text(),
  is_trackable: Type.Optional(BooleanField({ description: 'Default true' })),
  currency_code: Type.Optional(Nullable(Type.String({ description: '3 letters, default EUR; upper-cased' }))),
  is_active: Type.Optional(BooleanField({ description: 'Default true' })),
  reorder_point: Type.Optional(Amount('Number or numeric string; 0 = unset')),
  reorder_quantity: Type.Optional(Amount('Number or numeric string; 0 = unset')),
  supplier: Text(),
  supplier_sku: Text(),
  image_url: Text(),
  notes: Text(),
}

/** `POST /inventory/items`; `sku` and `name` are checked for presence before this schema. */
export const CreateStockItemBody = Type.Object({
  sku: Type.Optional(Nullable(Type.String({ description: 'Trimmed and upper-cased; unique' }))),
  ...stockItemBodyFields,
})

/** `PUT|PATCH /inventory/items/{id}`: only the keys present change; `sku` is ignored. */
export const UpdateStockItemBody = Type.Object(stockItemBodyFields)

export const StockItemListQuery = Type.Object({
  search: Type.Optional(Type.String({ description: 'Substring of sku, name or barcode (any case)' })),
  category: Type.Optional(Type.String({ description: 'Exact category' })),
  active_only: Type.Optional(Type.String({ description: '`true` (default) = active items only' })),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const StockItemIdParams = Type.Object({ id: Type.String() })

export const StockItemJson = Type.Object({
  id: Type.Integer(),
  sku: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  category: Nullable(Type.String()),
  unit: Type.String(),
  default_cost: Nullable(Type.Number()),
  default_price: Nullable(Type.Number()),
  currency_code: Type.String(),
  barcode: Nullable(Type.String()),
  is_active: Type.Boolean(),
  is_trackable: Type.Boolean(),
  reorder_point: Nullable(Type.Number()),
  reorder_quantity: Nullable(Type.Number()),
  supplier: Nullable(Type.String()),
  supplier_sku: Nullable(Type.String()),
  image_url: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  created_by: Type.Integer(),
  total_quantity_on_hand: Nullable(Type.Number({ description: 'null when not trackable' })),
  total_quantity_reserved: Nullable(Type.Number()),
  total_quantity_available: Nullable(Type.Number()),
  is_low_stock: Type.Boolean(),
})

export const StockItemListJson = Type.Object({ items: Type.Array(StockItemJson), pagination: PaginationJson })
export const StockItemEnvelopeJson = Type.Object({ item: StockItemJson })
export const StockItemSavedJson = Type.Object({ message: Type.String(), item: StockItemJson })
export const MessageJson = Type.Object({ message: Type.String() })
