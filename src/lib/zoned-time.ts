import { formatWallClock } from './iso-dates.js'

const DAY_MS = 86_400_000

/** A calendar date and wall-clock time, without a zone. */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function wallAsUtcMs(w: WallClock): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
}

/** The zone's offset from UTC at instant `ms`, in milliseconds. */
export function offsetAt(ms: number, timeZone: string): number {
  const wall = formatWallClock(new Date(ms - (ms % 1000)), timeZone)
  return Date.parse(wall + 'Z') - (ms - (ms % 1000))
}

/**
 * The instant at which the zone's clocks show `wall`. An ambiguous time (clocks turned
 * back) is its later, standard-time occurrence; a time skipped by clocks turned forward
 * is moved forward by the size of the gap (api-core.md §1.2).
 */
export function zonedToInstant(wall: WallClock, timeZone: string): Date {
  const local = wallAsUtcMs(wall)
  const before = offsetAt(local - DAY_MS, timeZone)
  const after = offsetAt(local + DAY_MS, timeZone)
  const candidates = [local - before, local - after].filter(
    (t, i) => offsetAt(t, timeZone) === [before, after][i],
  )
  if (candidates.length === 0) return new Date(local - before)
  return new Date(Math.max(...candidates))
}

/** True when the fields name a real calendar date and time (hour 0–23). */
export function isValidWallClock(w: WallClock): boolean {
  const ms = wallAsUtcMs(w)
  const d = new Date(ms)
  return (
    w.hour <= 23 &&
    w.minute <= 59 &&
    w.second <= 59 &&
    d.getUTCFullYear() === w.year &&
    d.getUTCMonth() === w.month - 1 &&
    d.getUTCDate() === w.day
  )
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return formatWallClock(instant, timeZone).slice(0, 10)
}

/** The first instant of a local date in a zone. */
export function startOfLocalDay(date: { year: number; month: number; day: number }, timeZone: string): Date {
  return zonedToInstant({ ...date, hour: 0, minute: 0, second: 0 }, timeZone)
}

/** The last whole second of a local date in a zone (23:59:59, or earlier on a short day). */
export function endOfLocalDay(date: { year: number; month: number; day: number }, timeZone: string): Date {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1))
  const nextDay = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() }
  return new Date(startOfLocalDay(nextDay, timeZone).getTime() - 1000)
}
