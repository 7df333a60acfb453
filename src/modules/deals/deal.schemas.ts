import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { NullableIntegerField } from '../../http/number-fields.js'
import { PaginationJson } from '../../http/schemas.js'

// Request shapes (api-extended.md §3.1). Unknown keys are ignored. `value`, `probability`
// and the dates are read leniently by deal.rules.ts, which owns their messages.

const Text = (maxLength?: number) =>
  Type.Optional(Nullable(Type.String(maxLength === undefined ? {} : { maxLength })))
const Lenient = (description: string) => Type.Optional(Type.Unknown({ description }))
const Id = (description: string) => Type.Optional(NullableIntegerField({ description }))

const dealBodyFields = {
  description: Text(),
  stage: Text(50),
  status: Text(50),
  currency_code: Text(3),
  loss_reason: Text(),
  notes: Text(),
  value: Lenient('A number or numeric string; 0 is stored as null'),
  probability: Lenient('An integer 0–100, or null'),
  expected_close_date: Lenient('`YYYY-MM-DD`; anything else is stored as null'),
  client_id: Id('A client id, or null'),
  contact_id: Id('A contact id, or null'),
  lead_id: Id('A lead id, or null'),
  related_quote_id: Id('A quote id, or null'),
  related_project_id: Id('A project id, or null'),
  owner_id: Id('A user id; falsy on create = the caller'),
}

export const CreateDealBody = Type.Object({
  name: Type.String({ maxLength: 200, description: 'Required, trimmed' }),
  ...dealBodyFields,
})

export const UpdateDealBody = Type.Object({
  name: Text(200),
  ...dealBodyFields,
  actual_close_date: Lenient('`YYYY-MM-DD`; anything else is stored as null'),
})

export const DealListQuery = Type.Object({
  status: Type.Optional(
    Type.String({ description: '`open` (default), `won` or `lost`; any other value = any status' }),
  ),
  stage: Type.Optional(Type.String({ description: 'Exact stage' })),
  owner: Type.Optional(Type.String({ description: 'Owner id (administrators only; ignored otherwise)' })),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const DealIdParams = Type.Object({ id: Type.String() })

// Response shapes (§3.1).

export const DealJson = Type.Object({
  id: Type.Integer(),
  client_id: Nullable(Type.Integer()),
  contact_id: Nullable(Type.Integer()),
  lead_id: Nullable(Type.Integer()),
  name: Type.String(),
  description: Nullable(Type.String()),
  stage: Type.String(),
  value: Nullable(Type.Number()),
  currency_code: Type.String(),
  probability: Nullable(Type.Integer()),
  weighted_value: Type.Number(),
  expected_close_date: Nullable(Type.String()),
  actual_close_date: Nullable(Type.String()),
  status: Type.String(),
  loss_reason: Nullable(Type.String()),
  related_quote_id: Nullable(Type.Integer()),
  related_project_id: Nullable(Type.Integer()),
  notes: Nullable(Type.String()),
  created_by: Type.Integer(),
  owner_id: Nullable(Type.Integer()),
  created_at: Type.String(),
  updated_at: Type.String(),
  closed_at: Nullable(Type.String()),
  is_open: Type.Boolean(),
  is_won: Type.Boolean(),
  is_lost: Type.Boolean(),
})

export const DealListJson = Type.Object({ deals: Type.Array(DealJson), pagination: PaginationJson })
export const DealResponseJson = Type.Object({ deal: DealJson })
export const DealSavedJson = Type.Object({ message: Type.String(), deal: DealJson })
export const DealDeletedJson = Type.Object({ message: Type.String() })
