import type { CalendarDate } from '../../lib/datetime-input.js'
import { startOfLocalDay } from '../../lib/zoned-time.js'
import type { SeedCalendar } from './seed.types.js'

/** How far back the history goes. */
export const HISTORY_DAYS = 730

function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() }
}

function isWeekday(date: CalendarDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000)

/** The working days (Monday to Friday) of the two years before `endDate`, in `timeZone`. */
export function seedCalendar(endDate: CalendarDate, timeZone: string): SeedCalendar {
  const days: CalendarDate[] = []
  for (let back = HISTORY_DAYS; back >= 1; back -= 1) {
    const day = addDays(endDate, -back)
    if (isWeekday(day)) days.push(day)
  }
  return {
    days,
    midnights: days.map((day) => unixSeconds(startOfLocalDay(day, timeZone))),
    createdAt: unixSeconds(startOfLocalDay(addDays(endDate, -HISTORY_DAYS - 1), timeZone)),
  }
}
