import type { CalendarDate } from '../../lib/datetime-input.js'
import { endOfLocalDay, startOfLocalDay } from '../../lib/zoned-time.js'
import type { TimeEntryRepository } from './time-entry.repository.js'
import type { EntryCursor, TimeEntryFilter, TimeEntryView } from './time-entry.types.js'

/** Which entries an export writes: one user's or everyone's, within local start dates. */
export interface ExportQuery {
  userId?: number
  /** First local date (app timezone) of `start_time`, inclusive. */
  from?: CalendarDate
  /** Last local date of `start_time`, inclusive. */
  to?: CalendarDate
}

const PAGE_SIZE = 1000

/** Completed time entries for `stint export csv`, read in keyset pages so memory stays flat. */
export class TimeEntryExportService {
  constructor(
    private readonly entries: TimeEntryRepository,
    private readonly appTimezone: string,
  ) {}

  /** The matching completed entries, oldest start first, one page at a time. */
  async *pages(query: ExportQuery): AsyncGenerator<TimeEntryView[]> {
    const filter: TimeEntryFilter = {
      includeRunning: false,
      ...(query.userId === undefined ? {} : { userId: query.userId }),
      ...(query.from ? { startFrom: startOfLocalDay(query.from, this.appTimezone) } : {}),
      ...(query.to ? { startUntil: endOfLocalDay(query.to, this.appTimezone) } : {}),
    }
    let after: EntryCursor | undefined
    for (;;) {
      const page = await this.entries.listAfter(filter, after, PAGE_SIZE)
      if (page.length > 0) yield page
      const last = page.at(-1)
      if (!last || page.length < PAGE_SIZE) return
      after = { startTime: last.startTime, id: last.id }
    }
  }
}
