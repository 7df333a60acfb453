import { parseDate, parseDatetime } from '../../lib/datetime-input.js'
import { formatWallClock } from '../../lib/iso-dates.js'
import { endOfLocalDay, startOfLocalDay, zonedToInstant } from '../../lib/zoned-time.js'
import type { ReportRange } from './reports.types.js'

/** How far back a report reaches when no start is given (api-core.md §17). */
export const DEFAULT_REPORT_DAYS = 30

/** A datetime, or a date meaning its first (start) or last (end) second in the app timezone. */
function parseBound(text: string | undefined, timeZone: string, edge: 'start' | 'end'): Date | undefined {
  if (text === undefined) return undefined
  const instant = parseDatetime(text, timeZone)
  if (instant) return instant
  const date = parseDate(text)
  if (!date) return undefined
  return edge === 'start' ? startOfLocalDay(date, timeZone) : endOfLocalDay(date, timeZone)
}

/**
 * The same wall-clock time `days` calendar days earlier in the zone, as the original's
 * naive datetime arithmetic gives: across a DST change that is not a multiple of 24 h.
 */
export function calendarDaysBefore(instant: Date, days: number, timeZone: string): Date {
  const [year, month, day, hour, minute, second] = formatWallClock(instant, timeZone)
    .split(/[-T:]/)
    .map(Number) as [number, number, number, number, number, number]
  const shifted = new Date(Date.UTC(year, month - 1, day - days))
  const date = { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() }
  return zonedToInstant({ ...date, hour, minute, second }, timeZone)
}

/**
 * The range of api-core.md §17: a date-only end covers that whole day, a date-only start
 * begins at 00:00; a missing or unparsable end is now, a missing or unparsable start is
 * 30 days before the end. An inverted range is kept (it matches nothing).
 */
export function reportRange(
  request: { startDate?: string; endDate?: string },
  now: Date,
  timeZone: string,
): ReportRange {
  const end = parseBound(request.endDate, timeZone, 'end') ?? now
  const start =
    parseBound(request.startDate, timeZone, 'start') ?? calendarDaysBefore(end, DEFAULT_REPORT_DAYS, timeZone)
  return { start, end }
}

/**
 * An id filter read as the original's `type=int` does: an optionally signed integer with
 * surrounding spaces; anything else, and 0, means "no filter".
 */
export function idFilter(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[-+]?\d+\s*$/.test(text)) return undefined
  const id = Number(text.trim())
  return id === 0 ? undefined : id
}
