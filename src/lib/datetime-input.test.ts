import { describe, expect, it } from 'vitest'
import { formatDate, parseDate, parseDatetime } from './datetime-input.js'
import { endOfLocalDay, localDate, startOfLocalDay } from './zoned-time.js'

const iso = (d: Date | undefined) => d?.toISOString()

describe('parseDatetime', () => {
  it.each([
    ['2024-01-05T09:00:00Z', '2024-01-05T09:00:00.000Z'],
    ['2024-01-05 09:00', '2024-01-05T09:00:00.000Z'],
    ['2024-1-5T9:00:00', '2024-01-05T09:00:00.000Z'],
    ['2024-01-05T09:00:00.999Z', '2024-01-05T09:00:00.000Z'],
    ['2024-01-05T09:00:00+02:00', '2024-01-05T07:00:00.000Z'],
    ['2024-01-05T09:00:00+0200', '2024-01-05T07:00:00.000Z'],
    ['2024-01-05T09:00:00-05', '2024-01-05T14:00:00.000Z'],
  ])('reads %s as %s in UTC', (text, expected) => {
    expect(iso(parseDatetime(text, 'UTC'))).toBe(expected)
  })

  it.each([
    '2024-01-05',
    '2024-01-05t09:00',
    '2024-01-05T24:00:00',
    '1704445200',
    '20240105T090000',
    '2024-02-30T10:00',
    'yesterday',
    '',
  ])('rejects %j', (text) => {
    expect(parseDatetime(text, 'UTC')).toBeUndefined()
  })

  it('reads a naive datetime as wall-clock time in the app timezone', () => {
    expect(iso(parseDatetime('2024-07-01T09:00:00', 'Europe/Berlin'))).toBe('2024-07-01T07:00:00.000Z')
    expect(iso(parseDatetime('2024-01-15T09:00:00', 'America/New_York'))).toBe('2024-01-15T14:00:00.000Z')
  })

  it('takes the later, standard-time occurrence of an ambiguous wall time', () => {
    // Berlin, 2024-10-27: 03:00 CEST → 02:00 CET; 02:30 happens twice.
    expect(iso(parseDatetime('2024-10-27T02:30:00', 'Europe/Berlin'))).toBe('2024-10-27T01:30:00.000Z')
  })

  it('moves a wall time skipped by the clocks forward by the size of the gap', () => {
    // Berlin, 2024-03-31: 02:00 CET → 03:00 CEST; 02:30 does not exist and means 03:30.
    expect(iso(parseDatetime('2024-03-31T02:30:00', 'Europe/Berlin'))).toBe('2024-03-31T01:30:00.000Z')
    // Lord Howe moves 30 minutes: 02:00 → 02:30.
    expect(iso(parseDatetime('2024-10-06T02:10:00', 'Australia/Lord_Howe'))).toBe('2024-10-05T15:40:00.000Z')
  })
})

describe('local days', () => {
  it('gives a 23-hour day on the spring change and a 25-hour day in autumn', () => {
    const spring = { year: 2024, month: 3, day: 31 }
    const autumn = { year: 2024, month: 10, day: 27 }

    const springHours =
      (endOfLocalDay(spring, 'Europe/Berlin').getTime() +
        1000 -
        startOfLocalDay(spring, 'Europe/Berlin').getTime()) /
      3_600_000
    const autumnHours =
      (endOfLocalDay(autumn, 'Europe/Berlin').getTime() +
        1000 -
        startOfLocalDay(autumn, 'Europe/Berlin').getTime()) /
      3_600_000

    expect(springHours).toBe(23)
    expect(autumnHours).toBe(25)
  })

  it('names the local date of an instant', () => {
    expect(localDate(new Date('2024-01-01T23:30:00Z'), 'Europe/Berlin')).toBe('2024-01-02')
    expect(localDate(new Date('2024-01-01T23:30:00Z'), 'UTC')).toBe('2024-01-01')
  })

  it('parses and formats calendar dates', () => {
    expect(parseDate('2024-2-9')).toEqual({ year: 2024, month: 2, day: 9 })
    expect(parseDate('2024-02-30')).toBeUndefined()
    expect(formatDate({ year: 2024, month: 2, day: 9 })).toBe('2024-02-09')
  })
})
