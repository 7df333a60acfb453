import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'
import { QUOTE_STATUSES } from './quote.types.js'

// Request shapes. Unknown keys are ignored (api-core.md §2.3). Amounts are declared loosely
// and checked by quote-money.rules.ts, so their errors are keyed `items[<i>].quantity` (§15.3).

const Amount = (description: string) => Type.Unknown({ description })
const LenientDate = (description: string) => Type.Unknown({ description })

/** An integer id (JSON integer, number or digit string, §1.3) or null, which reads as absent. */
const OptionalIdField = Type.Unsafe<number | string | null>({
  anyOf: [
    { type: 'integer' },
    { type: 'number' },
    { type: 'string', pattern: '^\\s*[-+]?\\d+\\s*$' },
    { type: 'null' },
  ],
})

const StatusField = Type.Union(
  QUOTE_STATUSES.map((status) => Type.Literal(status)),
  { description: 'One of the five quote statuses' },
)

export const QuoteItemBody = Type.Object({
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  quantity: Type.Optional(Amount('A number or numeric string, default 1; 3 decimals are kept')),
  unit_price: Type.Optional(Amount('A number or numeric string, default 0; 2 decimals are kept')),
  unit: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  line_kind: Type.Optional(
    Type.Unknown({ description: '`item` (default), `expense` or `good`; anything else is `item`' }),
  ),
  display_name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  category: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  line_date: Type.Optional(LenientDate('`YYYY-MM-DD`, kept on expense lines; anything else is ignored')),
  sku: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
})

const Items = Type.Array(QuoteItemBody, { maxItems: 1000 })

export const CreateQuoteBody = Type.Object({
  client_id: Type.Optional(OptionalIdField),
  title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  description: Type.Optional(Nullable(Type.String())),
  tax_rate: Type.Optional(Amount('Percent, ≥ 0, default 0; 2 decimals are kept')),
  currency_code: Type.Optional(Type.String({ description: '3 letters, default EUR; stored upper-cased' })),
  valid_until: Type.Optional(LenientDate('`YYYY-MM-DD`; anything else is ignored')),
  items: Type.Optional(Items),
})

export const UpdateQuoteBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Nullable(Type.String())),
  tax_rate: Type.Optional(Amount('Percent, ≥ 0; 2 decimals are kept')),
  currency_code: Type.Optional(Type.String({ description: '3 letters; stored upper-cased' })),
  status: Type.Optional(StatusField),
  valid_until: Type.Optional(LenientDate('`YYYY-MM-DD`; anything else leaves it unchanged')),
  items: Type.Optional(Type.Array(QuoteItemBody, { maxItems: 1000, description: 'Replaces every line' })),
})

export const QuoteListQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'Exact status; `all` = any' })),
  client_id: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const QuoteIdParams = Type.Object({ id: Type.String() })

// Response shapes (api-core.md §15.1).

export const QuoteItemJson = Type.Object({
  id: Type.Integer(),
  quote_id: Type.Integer(),
  line_kind: Type.String(),
  display_name: Nullable(Type.String()),
  category: Nullable(Type.String()),
  line_date: Nullable(Type.String()),
  sku: Nullable(Type.String()),
  description: Type.String(),
  quantity: Type.Number(),
  unit_price: Type.Number(),
  total_amount: Type.Number(),
  unit: Nullable(Type.String()),
  stock_item_id: Type.Null(),
  warehouse_id: Type.Null(),
  is_stock_item: Type.Boolean(),
  position: Type.Integer(),
  created_at: Type.String(),
})

export const QuoteJson = Type.Object({
  id: Type.Integer(),
  quote_number: Type.String(),
  client_id: Type.Integer(),
  title: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  subtotal: Type.Number(),
  discount_type: Nullable(Type.String()),
  discount_amount: Type.Number(),
  discount_value: Type.Number(),
  discount_reason: Nullable(Type.String()),
  coupon_code: Nullable(Type.String()),
  subtotal_after_discount: Type.Number(),
  tax_rate: Type.Number(),
  tax_amount: Type.Number(),
  total_amount: Type.Number(),
  currency_code: Type.String(),
  valid_until: Nullable(Type.String()),
  sent_at: Nullable(Type.String()),
  accepted_at: Nullable(Type.String()),
  rejected_at: Nullable(Type.String()),
  project_id: Nullable(Type.Integer()),
  created_by: Nullable(Type.Integer()),
  accepted_by: Nullable(Type.Integer()),
  created_at: Type.String(),
  updated_at: Type.String(),
  notes: Nullable(Type.String()),
  terms: Nullable(Type.String()),
  visible_to_client: Type.Boolean(),
  template_id: Nullable(Type.Integer()),
  is_draft: Type.Boolean(),
  is_sent: Type.Boolean(),
  is_accepted: Type.Boolean(),
  is_rejected: Type.Boolean(),
  is_expired: Type.Boolean(),
  can_be_accepted: Type.Boolean(),
  has_project: Type.Boolean(),
  items: Type.Array(QuoteItemJson),
})

export const QuoteListJson = Type.Object({ quotes: Type.Array(QuoteJson), pagination: PaginationJson })
export const QuoteResponseJson = Type.Object({ quote: QuoteJson })
export const QuoteSavedJson = Type.Object({ message: Type.String(), quote: QuoteJson })
export const QuoteDeletedJson = Type.Object({ message: Type.String() })
