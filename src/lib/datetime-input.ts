import { isValidWallClock, zonedToInstant, type WallClock } from './zoned-time.js'

const DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/
const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/

export interface CalendarDate {
  year: number
  month: number
  day: number
}

function offsetMs(text: string): number {
  if (text === 'Z') return 0
  const sign = text.startsWith('-') ? -1 : 1
  const digits = text.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000
}

/**
 * An ISO 8601 datetime of api-core.md §1.2: naive values are wall-clock time in `timeZone`,
 * `Z`/offsets name the instant; fractions are truncated. Undefined when not a datetime.
 * `toInstant` places naive values in the zone (bulk readers pass a cached one).
 */
export function parseDatetime(
  text: string,
  timeZone: string,
  toInstant: (wall: WallClock, timeZone: string) => Date = zonedToInstant,
): Date | undefined {
  const match = DATETIME.exec(text.trim())
  if (!match) return undefined
  const part = (index: number) => Number(match[index] ?? 0)
  const wall: WallClock = {
    year: part(1),
    month: part(2),
    day: part(3),
    hour: part(4),
    minute: part(5),
    second: part(6),
  }
  if (!isValidWallClock(wall)) return undefined
  const zone = match[7]
  if (zone === undefined) return toInstant(wall, timeZone)
  const offset = offsetMs(zone)
  if (Math.abs(offset) >= 24 * 3_600_000) return undefined
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offset)
}

/** A `YYYY-MM-DD` date (single-digit month/day tolerated); undefined otherwise. */
export function parseDate(text: string): CalendarDate | undefined {
  const match = DATE.exec(text.trim())
  if (!match) return undefined
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number]
  return isValidWallClock({ year, month, day, hour: 0, minute: 0, second: 0 })
    ? { year, month, day }
    : undefined
}

/** `YYYY-MM-DD` of a calendar date. */
export function formatDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
}
