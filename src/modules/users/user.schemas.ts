import { Type } from '@sinclair/typebox'

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

/** The serialized user of api-core.md §14.1. */
export const UserJson = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Nullable(Type.String()),
  full_name: Nullable(Type.String()),
  display_name: Type.String(),
  role: Type.String(),
  /** Not sent by the original; TimeTracker's apps read it when present (clients.md §5). */
  is_admin: Type.Boolean(),
  created_at: Type.String(),
  last_login: Nullable(Type.String()),
  is_active: Type.Boolean(),
  total_hours: Type.Number(),
  avatar_url: Nullable(Type.String()),
  status: Type.Union([Type.Literal('online'), Type.Literal('away'), Type.Literal('offline')]),
  date_format: Type.String(),
  time_format: Type.String(),
  timezone: Type.String(),
  standard_hours_per_day: Type.Number(),
  overtime_include_weekends: Type.Boolean(),
})

/** The persisted rules a client enforces before creating an entry (api-core.md §14.2). */
export const TimeEntryRequirementsJson = Type.Object({
  require_task: Type.Boolean(),
  require_description: Type.Boolean(),
  description_min_length: Type.Integer(),
})

/** `GET /api/v1/users/me` (api-core.md §14.2). */
export const CurrentUserJson = Type.Object({
  user: UserJson,
  time_entry_requirements: TimeEntryRequirementsJson,
  enabled_modules: Type.Array(Type.String()),
})
