import { describe, expect, it } from 'vitest'
import { cachedZonedToInstant } from './zoned-time-cache.js'
import { zonedToInstant, type WallClock } from './zoned-time.js'

/** Every half hour of the days around a zone's clock changes, plus ordinary days. */
function wallClocks(days: [number, number, number][]): WallClock[] {
  return days.flatMap(([year, month, day]) =>
    Array.from({ length: 48 }, (_, index) => ({
      year,
      month,
      day,
      hour: Math.floor(index / 2),
      minute: (index % 2) * 30,
      second: 7,
    })),
  )
}

describe('cachedZonedToInstant', () => {
  it.each([
    [
      'Europe/Berlin',
      [
        [2025, 3, 29],
        [2025, 3, 30],
        [2025, 3, 31],
        [2025, 10, 26],
        [2025, 7, 1],
      ],
    ],
    [
      'America/New_York',
      [
        [2025, 3, 9],
        [2025, 11, 2],
        [2025, 1, 15],
      ],
    ],
    [
      'Australia/Lord_Howe',
      [
        [2025, 4, 6],
        [2025, 10, 5],
        [2025, 6, 1],
      ],
    ],
    ['Asia/Kolkata', [[2025, 3, 30]]],
    [
      'UTC',
      [
        [2025, 3, 30],
        [1970, 1, 1],
      ],
    ],
  ] as const)('answers exactly as zonedToInstant in %s, gaps and repeated hours included', (zone, days) => {
    const cached = cachedZonedToInstant(zone)
    const walls = wallClocks(days.map((day) => [...day]))

    const answers = walls.map((wall) => cached(wall).toISOString())

    expect(answers).toEqual(walls.map((wall) => zonedToInstant(wall, zone).toISOString()))
  })
})
