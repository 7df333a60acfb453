import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { Database, TimeEntryTable } from '../../db/tables.js'
import { readFlag, readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { PageRequest } from '../../http/pagination.js'
import type {
  EntryCursor,
  NewTimeEntry,
  TimeEntryChanges,
  TimeEntryFilter,
  TimeEntryView,
} from './time-entry.types.js'

type ViewRow = Selectable<TimeEntryTable> & {
  userName: string | null
  projectName: string | null
  clientName: string | null
  taskName: string | null
}

function toTimeEntryView(row: ViewRow): TimeEntryView {
  return {
    id: row.id,
    userId: row.userId,
    projectId: row.projectId,
    clientId: row.clientId,
    taskId: row.taskId,
    durationSeconds: row.durationSeconds,
    breakSeconds: row.breakSeconds,
    notes: row.notes,
    tags: row.tags,
    invoiceNumber: row.invoiceNumber,
    userName: row.userName,
    projectName: row.projectName,
    clientName: row.clientName,
    taskName: row.taskName,
    startTime: readInstant(row.startTime),
    endTime: readOptionalInstant(row.endTime),
    pausedAt: readOptionalInstant(row.pausedAt),
    source: row.source === 'auto' ? 'auto' : 'manual',
    billable: readFlag(row.billable),
    paid: readFlag(row.paid),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

/** True when nothing but the owner (and whether running entries count) narrows the filter. */
function narrowsOnlyByOwner(filter: TimeEntryFilter): boolean {
  return Object.entries(filter).every(
    ([key, value]) => key === 'userId' || key === 'includeRunning' || value === undefined,
  )
}

/** The stopped state of a timer: its end, computed duration and final break. */
export interface StoppedTimer {
  endTime: Date
  durationSeconds: number
  breakSeconds: number
}

/** Time entries; every read returns the entry with its user, project, client and task names. */
export class TimeEntryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private filtered(filter: TimeEntryFilter) {
    let query = this.db.selectFrom('timeEntries as te')
    if (filter.userId !== undefined) query = query.where('te.userId', '=', filter.userId)
    if (filter.projectId !== undefined) query = query.where('te.projectId', '=', filter.projectId)
    if (filter.startFrom) query = query.where('te.startTime', '>=', filter.startFrom)
    if (filter.startUntil) query = query.where('te.startTime', '<=', filter.startUntil)
    if (filter.billable !== undefined) query = query.where('te.billable', '=', filter.billable)
    if (!filter.includeRunning) query = query.where('te.endTime', 'is not', null)
    return query
  }

  private withNames<T extends ReturnType<TimeEntryRepository['filtered']>>(query: T) {
    return query
      .leftJoin('users as u', 'u.id', 'te.userId')
      .leftJoin('projects as p', 'p.id', 'te.projectId')
      .leftJoin('clients as c', 'c.id', 'te.clientId')
      .leftJoin('tasks as t', 't.id', 'te.taskId')
      .selectAll('te')
      .select([
        'u.username as userName',
        'p.name as projectName',
        'c.name as clientName',
        't.name as taskName',
      ])
  }

  async findById(id: number): Promise<TimeEntryView | undefined> {
    const row = await this.withNames(this.db.selectFrom('timeEntries as te'))
      .where('te.id', '=', id)
      .executeTakeFirst()
    return row && toTimeEntryView(row)
  }

  /** The user's running timer: their running entry with the lowest id (api-core.md §13). */
  async findRunning(userId: number): Promise<TimeEntryView | undefined> {
    const row = await this.withNames(this.db.selectFrom('timeEntries as te'))
      .where('te.userId', '=', userId)
      .where('te.endTime', 'is', null)
      .orderBy('te.id')
      .limit(1)
      .executeTakeFirst()
    return row && toTimeEntryView(row)
  }

  /** One page of matching entries, newest start first (api-core.md §12.5). */
  async list(filter: TimeEntryFilter, page: PageRequest): Promise<TimeEntryView[]> {
    const rows = await this.withNames(this.filtered(filter))
      .orderBy('te.startTime', 'desc')
      .orderBy('te.id', 'desc')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return rows.map(toTimeEntryView)
  }

  /**
   * How many entries match. When only the owner narrows the list (the common unfiltered
   * list), the totals the database triggers keep per user answer in one row read instead of
   * a scan of every entry; any other filter counts the matching rows.
   */
  async count(filter: TimeEntryFilter): Promise<number> {
    return narrowsOnlyByOwner(filter) ? this.countFromUserStats(filter) : this.countRows(filter)
  }

  private async countRows(filter: TimeEntryFilter): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return readNumber(row.n)
  }

  /** The owner's totals, or everyone's summed (one row per user, not per entry). */
  private async countFromUserStats(filter: TimeEntryFilter): Promise<number> {
    let query = this.db
      .selectFrom('timeEntryUserStats')
      .select((eb) =>
        eb.fn
          .sum<number>(
            filter.includeRunning
              ? eb('completedEntries', '+', eb.ref('runningEntries'))
              : 'completedEntries',
          )
          .as('n'),
      )
    if (filter.userId !== undefined) query = query.where('userId', '=', filter.userId)
    const row = await query.executeTakeFirst()
    return readNumber(row?.n)
  }

  /**
   * Inserts the entry and returns its id, or undefined when it claims the owner's single
   * timer and the owner already holds it: the unique `single_timer_owner` column decides,
   * so concurrent starts (any number of processes) leave exactly one running.
   */
  async insert(entry: NewTimeEntry, now: Date): Promise<number | undefined> {
    const { holdsSingleTimer, ...columns } = entry
    try {
      const row = await this.db
        .insertInto('timeEntries')
        .values({
          ...columns,
          singleTimerOwner: holdsSingleTimer ? entry.userId : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    } catch (error) {
      if (holdsSingleTimer && isUniqueViolation(error)) return undefined
      throw error
    }
  }

  /** Applies `changes` unless the entry changed since `seenUpdatedAt`; false when it did (or is gone). */
  async update(id: number, changes: TimeEntryChanges, seenUpdatedAt: Date, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('timeEntries')
      .set({ ...changes, updatedAt: now })
      .where('id', '=', id)
      .where('updatedAt', '=', seenUpdatedAt)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }

  /** Ends a running entry and releases the single-timer claim; false when it was no longer running. */
  async stop(id: number, stopped: StoppedTimer, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('timeEntries')
      .set({ ...stopped, pausedAt: null, singleTimerOwner: null, updatedAt: now })
      .where('id', '=', id)
      .where('endTime', 'is', null)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }

  /** Marks a running, unpaused entry paused at `now`; false when it was not in that state. */
  async pause(id: number, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('timeEntries')
      .set({ pausedAt: now, updatedAt: now })
      .where('id', '=', id)
      .where('endTime', 'is', null)
      .where('pausedAt', 'is', null)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }

  /** Clears the pause seen at `pausedAt` and stores the grown break; false when the state moved on. */
  async resume(id: number, pausedAt: Date, breakSeconds: number, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('timeEntries')
      .set({ pausedAt: null, breakSeconds, updatedAt: now })
      .where('id', '=', id)
      .where('endTime', 'is', null)
      .where('pausedAt', '=', pausedAt)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }

  /** Hard-deletes a completed entry; false when it is missing or running. */
  async deleteCompleted(id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('timeEntries')
      .where('id', '=', id)
      .where('endTime', 'is not', null)
      .executeTakeFirst()
    return result.numDeletedRows > 0n
  }

  /** True when a completed entry of the user other than `exceptId` overlaps `[start, end)`; touching is allowed. */
  async hasOverlap(userId: number, start: Date, end: Date, exceptId?: number): Promise<boolean> {
    let query = this.db
      .selectFrom('timeEntries')
      .select('id')
      .where('userId', '=', userId)
      .where('endTime', 'is not', null)
      .where('startTime', '<', end)
      .where('endTime', '>', start)
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
    return (await query.limit(1).executeTakeFirst()) !== undefined
  }

  /** The latest end of the user's completed entries starting in `[from, until]`, if any. */
  async latestEndStartingBetween(userId: number, from: Date, until: Date): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('timeEntries')
      .select((eb) => eb.fn.max('endTime').as('latestEnd'))
      .where('userId', '=', userId)
      .where('endTime', 'is not', null)
      .where('startTime', '>=', from)
      .where('startTime', '<=', until)
      .executeTakeFirst()
    const latest = row?.latestEnd
    return latest === null || latest === undefined ? undefined : readInstant(latest)
  }

  /** The entries with these ids (unknown ids are left out), split into statements of 1,000 ids. */
  async findManyByIds(ids: number[]): Promise<TimeEntryView[]> {
    const views: TimeEntryView[] = []
    for (let offset = 0; offset < ids.length; offset += 1000) {
      const rows = await this.withNames(this.db.selectFrom('timeEntries as te'))
        .where('te.id', 'in', ids.slice(offset, offset + 1000))
        .orderBy('te.id')
        .execute()
      views.push(...rows.map(toTimeEntryView))
    }
    return views
  }

  /** Up to `limit` matching entries after `after`, oldest start first (keyset pages for exports). */
  async listAfter(
    filter: TimeEntryFilter,
    after: EntryCursor | undefined,
    limit: number,
  ): Promise<TimeEntryView[]> {
    let query = this.withNames(this.filtered(filter))
    // A row-value comparison, which both databases can answer from the (start_time, id) index.
    if (after) query = query.where(sql<SqlBool>`(te.start_time, te.id) > (${after.startTime}, ${after.id})`)
    const rows = await query.orderBy('te.startTime').orderBy('te.id').limit(limit).execute()
    return rows.map(toTimeEntryView)
  }
}
