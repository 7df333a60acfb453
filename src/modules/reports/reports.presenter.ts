import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest, toPaginationJson } from '../../http/pagination.js'
import { formatDuration, round2Hours } from '../time-entries/duration.rules.js'
import { idFilter } from './report-range.rules.js'
import type {
  DetailedReportJson,
  DetailedReportQuery,
  ProjectHoursJson,
  ProjectsReportJson,
  ProjectTotalsJson,
  ReportEntryJson,
  ReportQuery,
  ReportTotalsJson,
  SummaryReportJson,
  UsersReportJson,
  UserTotalsJson,
} from './reports.schemas.js'
import type {
  DetailedReport,
  ProjectsReport,
  ProjectTally,
  ReportEntry,
  ReportPage,
  ReportRange,
  ReportRequest,
  SecondsTally,
  UserTally,
  UsersReport,
  SummaryReport,
} from './reports.types.js'

/** The name shown for a project that no longer exists (api-core.md §17). */
const UNKNOWN = 'Unknown'

export function fromReportQuery(query: Static<typeof ReportQuery>): ReportRequest {
  return {
    startDate: query.start_date,
    endDate: query.end_date,
    projectId: idFilter(query.project_id),
    userId: idFilter(query.user_id),
  }
}

export function fromDetailedReportQuery(
  query: Static<typeof DetailedReportQuery>,
): [ReportRequest, ReportPage] {
  return [fromReportQuery(query), parsePageRequest(query)]
}

// Every hour figure is its seconds, summed in SQL, rounded once here (api-core.md §1.3).
function totalsOf(tally: SecondsTally) {
  return {
    total_hours: round2Hours(tally.totalSeconds),
    billable_hours: round2Hours(tally.billableSeconds),
    total_entries: tally.entries,
  }
}

function toReportTotalsJson(
  range: ReportRange,
  tally: SecondsTally,
  write: DatetimeWriter,
): Static<typeof ReportTotalsJson> {
  return { start_date: write(range.start), end_date: write(range.end), ...totalsOf(tally) }
}

function toProjectHoursJson(project: ProjectTally): Static<typeof ProjectHoursJson> {
  return {
    project_id: project.projectId,
    project_name: project.projectName ?? UNKNOWN,
    hours: round2Hours(project.totalSeconds),
    entries: project.entries,
  }
}

/** `summary` exactly as the spec, its totals repeated at the top level (clients.md §2.5). */
export function toSummaryReportJson(
  report: SummaryReport,
  write: DatetimeWriter,
): Static<typeof SummaryReportJson> {
  const totals = totalsOf(report.totals)
  return {
    summary: {
      start_date: write(report.range.start),
      end_date: write(report.range.end),
      ...totals,
      by_project: report.byProject.map(toProjectHoursJson),
    },
    ...totals,
  }
}

function toReportEntryJson(entry: ReportEntry, write: DatetimeWriter): Static<typeof ReportEntryJson> {
  const seconds = entry.durationSeconds ?? 0
  return {
    id: entry.id,
    user_id: entry.userId,
    user: entry.username,
    project_id: entry.projectId,
    project: entry.projectName,
    task_id: entry.taskId,
    task: entry.taskName,
    client_id: entry.clientId,
    start_time: write(entry.startTime),
    end_time: optionalDatetime(write, entry.endTime),
    duration_seconds: entry.durationSeconds,
    duration_hours: round2Hours(seconds),
    duration_formatted: formatDuration(seconds),
    notes: entry.notes,
    tags: entry.tags,
    billable: entry.billable,
  }
}

export function toDetailedReportJson(
  report: DetailedReport,
  write: DatetimeWriter,
): Static<typeof DetailedReportJson> {
  return {
    totals: toReportTotalsJson(report.range, report.totals, write),
    time_entries: report.entries.map((entry) => toReportEntryJson(entry, write)),
    pagination: toPaginationJson(report.page, report.totals.entries),
  }
}

function toProjectTotalsJson(project: ProjectTally): Static<typeof ProjectTotalsJson> {
  return {
    project_id: project.projectId,
    project_name: project.projectName ?? UNKNOWN,
    client_id: project.clientId,
    client_name: project.clientName,
    hours: round2Hours(project.totalSeconds),
    billable_hours: round2Hours(project.billableSeconds),
    entries: project.entries,
  }
}

export function toProjectsReportJson(
  report: ProjectsReport,
  write: DatetimeWriter,
): Static<typeof ProjectsReportJson> {
  return {
    totals: toReportTotalsJson(report.range, report.totals, write),
    projects: report.projects.map(toProjectTotalsJson),
  }
}

function toUserTotalsJson(user: UserTally): Static<typeof UserTotalsJson> {
  const username = user.username ?? UNKNOWN
  return {
    user_id: user.userId,
    username,
    display_name: user.fullName?.trim() || username,
    hours: round2Hours(user.totalSeconds),
    billable_hours: round2Hours(user.billableSeconds),
    entries: user.entries,
  }
}

export function toUsersReportJson(
  report: UsersReport,
  write: DatetimeWriter,
): Static<typeof UsersReportJson> {
  return {
    totals: toReportTotalsJson(report.range, report.totals, write),
    users: report.users.map(toUserTotalsJson),
  }
}
