import { describe, expect, it } from 'vitest'
import { calendarDaysBefore, idFilter, reportRange } from './report-range.rules.js'

const NOW = new Date('2025-01-15T10:00:00Z')

function rangeOf(startDate: string | undefined, endDate: string | undefined, zone = 'UTC') {
  const { start, end } = reportRange({ startDate, endDate }, NOW, zone)
  return [start.toISOString(), end.toISOString()]
}

describe('report range', () => {
  it('takes a date-only start as 00:00 and a date-only end as the last second of that day', () => {
    expect(rangeOf('2024-01-01', '2024-01-31')).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-01-31T23:59:59.000Z',
    ])
  })

  it('reads date-only bounds as days in the app timezone', () => {
    // Berlin is UTC+1 in January: local midnight is 23:00 UTC the day before.
    expect(rangeOf('2024-01-01', '2024-01-31', 'Europe/Berlin')).toEqual([
      '2023-12-31T23:00:00.000Z',
      '2024-01-31T22:59:59.000Z',
    ])
  })

  it('covers the 23 hours of the spring-forward day and the 25 hours of the fall-back day', () => {
    // 2024-03-31 starts at CET (+1) and ends at CEST (+2); 2024-10-27 the other way round.
    expect(rangeOf('2024-03-31', '2024-03-31', 'Europe/Berlin')).toEqual([
      '2024-03-30T23:00:00.000Z',
      '2024-03-31T21:59:59.000Z',
    ])
    expect(rangeOf('2024-10-27', '2024-10-27', 'Europe/Berlin')).toEqual([
      '2024-10-26T22:00:00.000Z',
      '2024-10-27T22:59:59.000Z',
    ])
  })

  it('keeps datetimes as the instants they name: naive in the app timezone, offsets converted', () => {
    expect(rangeOf('2024-06-01T09:00:00', '2024-06-01T17:30:00+02:00', 'Europe/Berlin')).toEqual([
      '2024-06-01T07:00:00.000Z',
      '2024-06-01T15:30:00.000Z',
    ])
  })

  it('ends now and starts 30 days before the end when no dates are given', () => {
    expect(rangeOf(undefined, undefined)).toEqual(['2024-12-16T10:00:00.000Z', '2025-01-15T10:00:00.000Z'])
  })

  it('counts the default 30 days in calendar days of the app timezone across a DST change', () => {
    // End 2024-04-15 23:59:59 CEST; 30 days earlier is 2024-03-16 23:59:59 CET, 30 days minus one hour.
    expect(rangeOf(undefined, '2024-04-15', 'Europe/Berlin')).toEqual([
      '2024-03-16T22:59:59.000Z',
      '2024-04-15T21:59:59.000Z',
    ])
  })

  it('ignores unparsable dates as if they were absent', () => {
    expect(rangeOf('yesterday', '2024-13-01')).toEqual([
      '2024-12-16T10:00:00.000Z',
      '2025-01-15T10:00:00.000Z',
    ])
    expect(rangeOf('20240101T000000', '')).toEqual(['2024-12-16T10:00:00.000Z', '2025-01-15T10:00:00.000Z'])
  })

  it('keeps an inverted range as it is', () => {
    expect(rangeOf('2024-02-01', '2024-01-01')).toEqual([
      '2024-02-01T00:00:00.000Z',
      '2024-01-01T23:59:59.000Z',
    ])
  })

  it('moves a default start that falls into the spring-forward gap forward by the gap', () => {
    // 30 days before 2024-04-30 02:30 CEST is 2024-03-31 02:30, a time Berlin skips: 03:30 CEST.
    expect(calendarDaysBefore(new Date('2024-04-30T00:30:00Z'), 30, 'Europe/Berlin').toISOString()).toBe(
      '2024-03-31T01:30:00.000Z',
    )
  })
})

describe('report id filter', () => {
  it.each([
    ['7', 7],
    [' 7 ', 7],
    ['+7', 7],
    ['-3', -3],
    ['007', 7],
  ])('reads %j as %d', (text, id) => {
    expect(idFilter(text)).toBe(id)
  })

  it.each([undefined, '', '0', '-0', '7.0', 'abc', '1e3', '0x10'])('treats %j as no filter', (text) => {
    expect(idFilter(text)).toBeUndefined()
  })
})
