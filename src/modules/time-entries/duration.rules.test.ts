import { describe, expect, it } from 'vitest'
import { formatDuration, rawDurationSeconds, round2Hours, roundDuration } from './duration.rules.js'

describe('duration rules', () => {
  it.each([
    [450, 0.13],
    [1350, 0.38],
    [1800, 0.5],
    [17, 0],
    [18, 0.01],
    [3600, 1],
    [0, 0],
    [3 * 1200, 1],
  ])('rounds %i seconds half up to %d hours', (seconds, hours) => {
    expect(round2Hours(seconds)).toBe(hours)
  })

  it('formats durations with hours past 99', () => {
    expect(formatDuration(0)).toBe('00:00:00')
    expect(formatDuration(3725)).toBe('01:02:05')
    expect(formatDuration(360_000 + 59)).toBe('100:00:59')
  })

  it('subtracts breaks and floors at zero', () => {
    const start = new Date('2024-01-01T09:00:00Z')

    expect(rawDurationSeconds(start, new Date('2024-01-01T10:00:00Z'), 600)).toBe(3000)
    expect(rawDurationSeconds(start, new Date('2024-01-01T09:05:00Z'), 600)).toBe(0)
  })

  it('is exact across a daylight-saving change because instants are UTC', () => {
    // Europe/Berlin 2024-10-27 01:30 CEST → 02:30 CET is two real hours.
    expect(rawDurationSeconds(new Date('2024-10-26T23:30:00Z'), new Date('2024-10-27T01:30:00Z'), 0)).toBe(
      7200,
    )
  })

  it.each([
    [7 * 60 + 29, 'nearest', 0],
    [7 * 60 + 30, 'nearest', 15 * 60],
    [22 * 60 + 30, 'nearest', 30 * 60],
    [60, 'up', 15 * 60],
    [15 * 60, 'up', 15 * 60],
    [14 * 60 + 59, 'down', 0],
  ])('rounds %i seconds to 15-minute intervals (%s) as %i', (raw, method, expected) => {
    expect(roundDuration(raw, { enabled: true, minutes: 15, method })).toBe(expected)
  })

  it('leaves durations alone when rounding is off or the interval is one minute', () => {
    expect(roundDuration(61, { enabled: false, minutes: 15, method: 'up' })).toBe(61)
    expect(roundDuration(61, { enabled: true, minutes: 1, method: 'up' })).toBe(61)
  })
})
