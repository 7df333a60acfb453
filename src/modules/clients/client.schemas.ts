import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { NullableDecimalField } from '../../http/number-fields.js'
import { PaginationJson } from '../../http/schemas.js'

/** The serialized client of api-core.md §10.1. */
export const ClientJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  company: Nullable(Type.String()),
  description: Nullable(Type.String()),
  contact_person: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  default_hourly_rate: Nullable(
    Type.String({ description: '2-decimal string such as "85.00"; null when unset or 0' }),
  ),
  status: Type.Union([Type.Literal('active'), Type.Literal('inactive')]),
  is_active: Type.Boolean(),
  total_projects: Type.Integer(),
  active_projects: Type.Integer(),
  prepaid_hours_monthly: Type.Null(),
  prepaid_reset_day: Type.Integer(),
  custom_fields: Type.Record(Type.String(), Type.Unknown()),
  created_at: Type.String(),
  updated_at: Type.String(),
})

const clientBodyFields = {
  email: Type.Optional(Nullable(Type.String())),
  company: Type.Optional(Nullable(Type.String())),
  phone: Type.Optional(Nullable(Type.String())),
  address: Type.Optional(Nullable(Type.String())),
  description: Type.Optional(Nullable(Type.String())),
  contact_person: Type.Optional(Nullable(Type.String())),
  default_hourly_rate: Type.Optional(
    NullableDecimalField({ description: 'number or decimal string; 0 = unset' }),
  ),
  custom_fields: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
}

/** `POST /clients`: strings are trimmed, empty → null; unknown keys are ignored. */
export const CreateClientBody = Type.Object({ name: Type.String(), ...clientBodyFields })

/** `PUT|PATCH /clients/{id}`: only the keys present change. */
export const UpdateClientBody = Type.Object({
  name: Type.Optional(Type.String()),
  ...clientBodyFields,
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('inactive')])),
})

export const ClientListQuery = Type.Object({
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const ClientIdParams = Type.Object({ id: Type.String() })

export const ClientListJson = Type.Object({ clients: Type.Array(ClientJson), pagination: PaginationJson })
export const ClientEnvelopeJson = Type.Object({ client: ClientJson })
export const ClientSavedJson = Type.Object({ message: Type.String(), client: ClientJson })
export const MessageJson = Type.Object({ message: Type.String() })
