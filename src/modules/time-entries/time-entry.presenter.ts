import type { Static } from '@sinclair/typebox'
import { AppError } from '../../errors.js'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readBoolean, readInteger, readOptionalInteger } from '../../http/field-types.js'
import { parseDate, parseDatetime } from '../../lib/datetime-input.js'
import { endOfLocalDay, startOfLocalDay } from '../../lib/zoned-time.js'
import { formatDuration, round2Hours } from './duration.rules.js'
import type { UpdateEntryInput } from './time-entry-update.rules.js'
import { liveWorkedSeconds, tagList, trimmedOrNull } from './time-entry.rules.js'
import type {
  CreateTimeEntryBody,
  TimeEntryJson,
  TimeEntryListQuery,
  UpdateTimeEntryBody,
} from './time-entry.schemas.js'
import type { CreateEntryInput, ListEntriesQuery, TimeEntryView } from './time-entry.types.js'

/** How this response writes entries: its datetime form and the "now" of live durations. */
export interface TimeEntryPresentation {
  write: DatetimeWriter
  now: Date
}

/** The serialized entry (api-core.md §12.1, clients.md §2.6). */
export function toTimeEntryJson(
  entry: TimeEntryView,
  view: TimeEntryPresentation,
): Static<typeof TimeEntryJson> {
  const isActive = entry.endTime === null
  const shownSeconds = isActive ? liveWorkedSeconds(entry, view.now) : (entry.durationSeconds ?? 0)
  return {
    id: entry.id,
    user_id: entry.userId,
    project_id: entry.projectId,
    client_id: entry.clientId,
    task_id: entry.taskId,
    start_time: view.write(entry.startTime),
    end_time: optionalDatetime(view.write, entry.endTime),
    duration_seconds: entry.durationSeconds,
    break_seconds: entry.breakSeconds,
    paused_at: optionalDatetime(view.write, entry.pausedAt),
    duration_hours: round2Hours(entry.durationSeconds ?? 0),
    duration_formatted: formatDuration(shownSeconds),
    notes: entry.notes,
    tags: entry.tags,
    tag_list: tagList(entry.tags),
    source: entry.source,
    billable: entry.billable,
    paid: entry.paid,
    invoice_number: entry.invoiceNumber,
    is_active: isActive,
    created_at: view.write(entry.createdAt),
    updated_at: view.write(entry.updatedAt),
    user: entry.userName,
    project: entry.projectName,
    client: entry.clientName,
    task: entry.taskName,
    project_name: entry.projectName,
    task_name: entry.taskName,
  }
}

/** A datetime the schema already accepted, as an instant (naive = wall-clock time in `timeZone`). */
export function readDatetime(text: string, timeZone: string): Date {
  const instant = parseDatetime(text, timeZone)
  if (!instant) throw AppError.validation({ _schema: ['Not a valid datetime.'] })
  return instant
}

function missing(field: string): AppError {
  return AppError.validation({ [field]: ['Missing data for required field.'] })
}

function startOf(body: Static<typeof CreateTimeEntryBody>, timeZone: string): CreateEntryInput['start'] {
  if (body.start_time !== undefined) return { startTime: readDatetime(body.start_time, timeZone) }
  const date = body.date === undefined ? undefined : parseDate(body.date)
  if (!date) throw missing('start_time')
  if (body.duration_minutes === undefined || body.duration_minutes === null) throw missing('duration_minutes')
  return { date }
}

/** `POST /time-entries` body → input; `null` ids mean "not given" (api-core.md §12.6). */
export function fromCreateBody(body: Static<typeof CreateTimeEntryBody>, timeZone: string): CreateEntryInput {
  return {
    userId: readOptionalInteger(body.user_id) ?? null,
    projectId: readOptionalInteger(body.project_id) ?? null,
    clientId: readOptionalInteger(body.client_id) ?? null,
    taskId: readOptionalInteger(body.task_id) ?? null,
    start: startOf(body, timeZone),
    endTime: body.end_time ? readDatetime(body.end_time, timeZone) : null,
    durationMinutes: readOptionalInteger(body.duration_minutes) ?? null,
    breakSeconds: readOptionalInteger(body.break_seconds) ?? 0,
    notes: trimmedOrNull(body.notes),
    tags: trimmedOrNull(body.tags),
    billable: body.billable === undefined ? true : readBoolean(body.billable),
    paid: body.paid === undefined ? false : readBoolean(body.paid),
    invoiceNumber: trimmedOrNull(body.invoice_number),
  }
}

/** A given value parsed; absent and null both read as "not given" in an update (api-core.md §12.7). */
function given<T, R>(value: T | null | undefined, parse: (value: T) => R): R | undefined {
  return value === undefined || value === null ? undefined : parse(value)
}

/** `PUT|PATCH /time-entries/{id}` body → partial input. */
export function fromUpdateBody(body: Static<typeof UpdateTimeEntryBody>, timeZone: string): UpdateEntryInput {
  const datetime = (text: string) => readDatetime(text, timeZone)
  return {
    projectId: given(body.project_id, readInteger),
    clientId: given(body.client_id, readInteger),
    taskId: given(body.task_id, readInteger),
    startTime: given(body.start_time, datetime),
    endTime: given(body.end_time, datetime),
    breakSeconds: given(body.break_seconds, readInteger),
    notes: given(body.notes, String),
    tags: given(body.tags, String),
    billable: given(body.billable, readBoolean),
    paid: given(body.paid, readBoolean),
    invoiceNumber: given(body.invoice_number, String),
    ifUpdatedAt: given(body.if_updated_at, datetime),
  }
}

function queryInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*-?\d+\s*$/.test(text) ? Number(text) : undefined
}

/** A filter bound: a datetime, or a date meaning its first (or, for an end, last) second. */
function queryInstant(text: string | undefined, timeZone: string, bound: 'start' | 'end'): Date | undefined {
  if (text === undefined) return undefined
  const instant = parseDatetime(text, timeZone)
  if (instant) return instant
  const date = parseDate(text)
  if (!date) return undefined // unparsable filters are ignored (api-core.md §12.5)
  return bound === 'start' ? startOfLocalDay(date, timeZone) : endOfLocalDay(date, timeZone)
}

/** `GET /time-entries` query → filters, each parsed leniently as the original does (api-core.md §12.5). */
export function fromListQuery(query: Static<typeof TimeEntryListQuery>, timeZone: string): ListEntriesQuery {
  const projectId = queryInteger(query.project_id)
  const startFrom = queryInstant(query.start_date, timeZone, 'start')
  const startUntil = queryInstant(query.end_date, timeZone, 'end')
  return {
    userId: queryInteger(query.user_id) || null,
    ...(projectId ? { projectId } : {}),
    ...(startFrom ? { startFrom } : {}),
    ...(startUntil ? { startUntil } : {}),
    ...(query.billable === undefined ? {} : { billable: query.billable.toLowerCase() === 'true' }),
    includeRunning: query.include_active === 'true',
  }
}
