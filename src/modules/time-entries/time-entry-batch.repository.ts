import type { Kysely } from 'kysely'
import { insertRowsReturningIds } from '../../db/bulk-insert.js'
import type { Database } from '../../db/tables.js'
import { withTransaction } from '../../db/transaction.js'
import { readInstant } from '../../db/values.js'
import type { Interval } from '../../lib/interval-index.js'
import type { NewTimeEntry, TimeEntryChanges } from './time-entry.types.js'

const INSERT_COLUMNS = [
  'user_id',
  'project_id',
  'client_id',
  'task_id',
  'start_time',
  'end_time',
  'duration_seconds',
  'break_seconds',
  'notes',
  'tags',
  'source',
  'billable',
  'paid',
  'invoice_number',
  'single_timer_owner',
  'created_at',
  'updated_at',
]

// Larger lists are split so that no statement passes SQLite's limit of bound values.
const IDS_PER_STATEMENT = 1000

function insertValues(entry: NewTimeEntry, now: Date): unknown[] {
  return [
    entry.userId,
    entry.projectId,
    entry.clientId,
    entry.taskId,
    entry.startTime,
    entry.endTime,
    entry.durationSeconds,
    entry.breakSeconds,
    entry.notes,
    entry.tags,
    entry.source,
    entry.billable,
    entry.paid,
    entry.invoiceNumber,
    entry.holdsSingleTimer ? entry.userId : null,
    now,
    now,
  ]
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let offset = 0; offset < items.length; offset += size) result.push(items.slice(offset, offset + size))
  return result
}

/** One set of changes and the entries it applies to. */
export interface EntryChangeGroup {
  ids: number[]
  changes: TimeEntryChanges
}

/** Writes and reads of many time entries at once (CSV import, bulk actions), each all-or-nothing. */
export class TimeEntryBatchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts every entry in one transaction, in multi-row chunks; returns the ids in order. */
  async insertMany(
    entries: NewTimeEntry[],
    now: Date,
    onChunk?: (inserted: number) => void,
  ): Promise<number[]> {
    const rows = entries.map((entry) => insertValues(entry, now))
    return withTransaction(this.db, (trx) =>
      insertRowsReturningIds(trx, 'time_entries', INSERT_COLUMNS, rows, onChunk),
    )
  }

  /** The user's completed entries overlapping `[from, until)`, as millisecond intervals. */
  async completedIntervals(userId: number, from: Date, until: Date): Promise<Interval[]> {
    const rows = await this.db
      .selectFrom('timeEntries')
      .select(['startTime', 'endTime'])
      .where('userId', '=', userId)
      .where('endTime', 'is not', null)
      .where('startTime', '<', until)
      .where('endTime', '>', from)
      .execute()
    return rows.map((row) => ({
      start: readInstant(row.startTime).getTime(),
      end: readInstant(row.endTime as Date | number).getTime(),
    }))
  }

  /** Applies each group's changes to its completed entries, all in one transaction. */
  async updateCompleted(groups: EntryChangeGroup[], now: Date): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      for (const group of groups) {
        for (const ids of chunks(group.ids, IDS_PER_STATEMENT)) {
          await trx
            .updateTable('timeEntries')
            .set({ ...group.changes, updatedAt: now })
            .where('id', 'in', ids)
            .where('endTime', 'is not', null)
            .execute()
        }
      }
    })
  }

  /** Hard-deletes the completed entries among `ids`, in one transaction. */
  async deleteCompleted(ids: number[]): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        await trx.deleteFrom('timeEntries').where('id', 'in', part).where('endTime', 'is not', null).execute()
      }
    })
  }
}
