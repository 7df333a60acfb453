import { Type } from '@sinclair/typebox'
import { IntegerField, Nullable } from '../../http/field-types.js'
import { NullableIntegerField } from '../../http/number-fields.js'
import { PaginationJson } from '../../http/schemas.js'

// Request shapes (api-extended.md §3.2). Unknown keys are ignored; the names are checked by
// lead.rules.ts so that a missing one reads "first_name and last_name are required".

const Text = (maxLength?: number) =>
  Type.Optional(Nullable(Type.String(maxLength === undefined ? {} : { maxLength })))

/** Create and update take the same keys. */
export const LeadBody = Type.Object({
  first_name: Text(100),
  last_name: Text(100),
  company_name: Text(200),
  email: Text(200),
  phone: Text(50),
  title: Text(100),
  source: Text(100),
  notes: Text(),
  tags: Text(),
  status: Text(50),
  currency_code: Text(3),
  score: Type.Optional(IntegerField({ description: 'An integer, default 0' })),
  estimated_value: Type.Optional(
    Type.Unknown({ description: 'A number or numeric string; 0 → null; anything else is ignored' }),
  ),
  owner_id: Type.Optional(
    NullableIntegerField({ description: 'A user id; falsy = the caller (create) or unchanged' }),
  ),
})

export const LeadListQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'Exact status; absent = all but converted and lost' })),
  source: Type.Optional(Type.String({ description: 'Exact source' })),
  owner: Type.Optional(Type.String({ description: 'Owner id (administrators only; ignored otherwise)' })),
  search: Type.Optional(
    Type.String({ description: 'Case-insensitive substring of first name, last name, company or email' }),
  ),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const LeadIdParams = Type.Object({ id: Type.String() })

// Response shapes (§3.2).

export const LeadJson = Type.Object({
  id: Type.Integer(),
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  display_name: Type.String(),
  company_name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  title: Nullable(Type.String()),
  source: Nullable(Type.String()),
  status: Type.String(),
  score: Type.Integer(),
  estimated_value: Nullable(Type.Number()),
  currency_code: Type.String(),
  converted_to_client_id: Nullable(Type.Integer()),
  converted_to_deal_id: Nullable(Type.Integer()),
  converted_at: Nullable(Type.String()),
  converted_by: Nullable(Type.Integer()),
  notes: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  created_by: Type.Integer(),
  owner_id: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
  is_converted: Type.Boolean(),
  is_lost: Type.Boolean(),
})

export const LeadListJson = Type.Object({ leads: Type.Array(LeadJson), pagination: PaginationJson })
export const LeadResponseJson = Type.Object({ lead: LeadJson })
export const LeadSavedJson = Type.Object({ message: Type.String(), lead: LeadJson })
export const LeadDeletedJson = Type.Object({ message: Type.String() })
