import { Type } from '@sinclair/typebox'
import { BooleanField, IntegerField, Nullable } from '../../http/field-types.js'
import { NullableDecimalField, NullableIntegerField } from '../../http/number-fields.js'
import { PaginationJson } from '../../http/schemas.js'

const ProjectStatusField = Type.Union([
  Type.Literal('active'),
  Type.Literal('inactive'),
  Type.Literal('archived'),
])

/** The serialized project of api-core.md §9.1, plus `client_name` for the React desktop app (clients.md §5). */
export const ProjectJson = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Nullable(Type.String()),
  code_display: Type.String(),
  client_id: Type.Integer(),
  client: Type.String({ description: 'the client name, "Unknown Client" if missing' }),
  client_name: Type.String({ description: 'same as client' }),
  description: Nullable(Type.String()),
  billable: Type.Boolean(),
  hourly_rate: Nullable(Type.Number({ description: 'null when unset or 0' })),
  billing_ref: Nullable(Type.String()),
  status: ProjectStatusField,
  estimated_hours: Nullable(Type.Number()),
  budget_amount: Nullable(Type.Number({ description: 'null when unset or 0' })),
  budget_threshold_percent: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
  total_hours: Type.Number(),
  total_billable_hours: Type.Number(),
  estimated_cost: Nullable(Type.Number()),
  budget_consumed_amount: Type.Number(),
  budget_threshold_exceeded: Type.Boolean(),
  total_costs: Type.Number(),
  total_billable_costs: Type.Number(),
  total_project_value: Type.Number(),
  custom_fields: Type.Record(Type.String(), Type.Unknown()),
  is_archived: Type.Boolean(),
  archived_at: Nullable(Type.String()),
  archived_by: Nullable(Type.Integer()),
  archived_reason: Nullable(Type.String()),
  color: Nullable(Type.String()),
})

const projectBodyFields = {
  description: Type.Optional(Nullable(Type.String())),
  billable: Type.Optional(BooleanField()),
  hourly_rate: Type.Optional(NullableDecimalField({ description: 'number or decimal string; 0 = unset' })),
  billing_ref: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  code: Type.Optional(
    Nullable(Type.String({ description: 'trimmed and upper-cased; at most 20 characters' })),
  ),
  estimated_hours: Type.Optional(NullableDecimalField()),
  budget_amount: Type.Optional(NullableDecimalField({ description: 'number or decimal string; 0 = unset' })),
  budget_threshold_percent: Type.Optional(NullableIntegerField({ description: '0–100; 0 or null = 80' })),
  status: Type.Optional(ProjectStatusField),
}

/** `POST /projects` (api-core.md §9.4); unknown keys are ignored. */
export const CreateProjectBody = Type.Object({
  name: Type.String({ description: '1–200 characters after trimming' }),
  client_id: IntegerField(),
  ...projectBodyFields,
})

/** `PUT|PATCH /projects/{id}` (api-core.md §9.5): only the keys present change. */
export const UpdateProjectBody = Type.Object({
  name: Type.Optional(Type.String()),
  client_id: Type.Optional(IntegerField()),
  ...projectBodyFields,
})

export const ProjectListQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'default active; all = any status' })),
  client_id: Type.Optional(Type.String()),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const ProjectIdParams = Type.Object({ id: Type.String() })

export const ProjectListJson = Type.Object({ projects: Type.Array(ProjectJson), pagination: PaginationJson })
export const ProjectEnvelopeJson = Type.Object({ project: ProjectJson })
export const ProjectSavedJson = Type.Object({ message: Type.String(), project: ProjectJson })
export const MessageJson = Type.Object({ message: Type.String() })
