import { offsetAt, zonedToInstant, type WallClock } from './zoned-time.js'

const DAY_MS = 86_400_000

/**
 * The offset the zone keeps from two days before the local date to three days after it,
 * or null when its clocks change in that window. zonedToInstant probes at most a day and
 * 14 hours around a wall time, so inside a steady window it answers `wall − offset`; like
 * zonedToInstant this assumes no two clock changes within a few days of each other.
 */
function steadyOffset(wall: WallClock, timeZone: string): number | null {
  const dayStart = Date.UTC(wall.year, wall.month - 1, wall.day)
  const first = offsetAt(dayStart - 2 * DAY_MS, timeZone)
  return first === offsetAt(dayStart + 3 * DAY_MS, timeZone) ? first : null
}

/**
 * zonedToInstant for many values of one zone, with identical answers: the zone's offset is
 * worked out once per local date, and dates near a clock change take the exact path.
 * Bulk readers (CSV import) use it because zonedToInstant formats four instants per call.
 */
export function cachedZonedToInstant(timeZone: string): (wall: WallClock) => Date {
  const offsets = new Map<number, number | null>()
  return (wall) => {
    const key = wall.year * 10_000 + wall.month * 100 + wall.day
    let offset = offsets.get(key)
    if (offset === undefined) {
      offset = timeZone === 'UTC' ? 0 : steadyOffset(wall, timeZone)
      offsets.set(key, offset)
    }
    if (offset === null) return zonedToInstant(wall, timeZone)
    return new Date(
      Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offset,
    )
  }
}
