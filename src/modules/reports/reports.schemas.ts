import { Type } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'

// Query parameters are strings read leniently by the presenter: an unparsable date or id
// is ignored, as in the original (api-core.md §17).
const reportFilters = {
  start_date: Type.Optional(
    Type.String({ description: 'Datetime or YYYY-MM-DD (00:00 app-local); default end − 30 days' }),
  ),
  end_date: Type.Optional(
    Type.String({ description: 'Datetime or YYYY-MM-DD (the whole day, app-local); default now' }),
  ),
  project_id: Type.Optional(Type.String({ description: 'Only entries of this project' })),
  user_id: Type.Optional(
    Type.String({ description: "Only this user's entries (non-admins: their own id only)" }),
  ),
}

export const ReportQuery = Type.Object(reportFilters)

export const DetailedReportQuery = Type.Object({
  ...reportFilters,
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

const rangeFields = {
  start_date: Type.String({ description: 'Effective start of the range' }),
  end_date: Type.String({ description: 'Effective end of the range (inclusive)' }),
}

const totalFields = {
  total_hours: Type.Number(),
  billable_hours: Type.Number(),
  total_entries: Type.Integer(),
}

/** Range and totals shared by the TrackingTime-style reports. */
export const ReportTotalsJson = Type.Object({ ...rangeFields, ...totalFields })

export const ProjectHoursJson = Type.Object({
  project_id: Type.Integer(),
  project_name: Type.String(),
  hours: Type.Number(),
  entries: Type.Integer(),
})

/** `GET /reports/summary`: `summary` exactly as api-core.md §17, its totals repeated at the top level for the mobile app (clients.md §2.5). */
export const SummaryReportJson = Type.Object({
  summary: Type.Object({ ...rangeFields, ...totalFields, by_project: Type.Array(ProjectHoursJson) }),
  ...totalFields,
})

/** A completed entry in the detailed report: the time-entry fields a report reader needs. */
export const ReportEntryJson = Type.Object({
  id: Type.Integer(),
  user_id: Type.Integer(),
  user: Nullable(Type.String()),
  project_id: Nullable(Type.Integer()),
  project: Nullable(Type.String()),
  task_id: Nullable(Type.Integer()),
  task: Nullable(Type.String()),
  client_id: Nullable(Type.Integer()),
  start_time: Type.String(),
  end_time: Nullable(Type.String()),
  duration_seconds: Nullable(Type.Integer()),
  duration_hours: Type.Number(),
  duration_formatted: Type.String(),
  notes: Nullable(Type.String()),
  tags: Nullable(Type.String()),
  billable: Type.Boolean(),
})

export const DetailedReportJson = Type.Object({
  totals: ReportTotalsJson,
  time_entries: Type.Array(ReportEntryJson),
  pagination: PaginationJson,
})

export const ProjectTotalsJson = Type.Object({
  project_id: Type.Integer(),
  project_name: Type.String(),
  client_id: Nullable(Type.Integer()),
  client_name: Nullable(Type.String()),
  hours: Type.Number(),
  billable_hours: Type.Number(),
  entries: Type.Integer(),
})

export const ProjectsReportJson = Type.Object({
  totals: ReportTotalsJson,
  projects: Type.Array(ProjectTotalsJson),
})

export const UserTotalsJson = Type.Object({
  user_id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  hours: Type.Number(),
  billable_hours: Type.Number(),
  entries: Type.Integer(),
})

export const UsersReportJson = Type.Object({ totals: ReportTotalsJson, users: Type.Array(UserTotalsJson) })
