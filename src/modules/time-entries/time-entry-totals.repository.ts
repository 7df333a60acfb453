import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.js'
import { readNumber } from '../../db/values.js'

/** Worked seconds of completed entries, all and billable only, summed in SQL. */
export interface SecondsTotal {
  totalSeconds: number
  billableSeconds: number
}

interface StatsRow {
  groupId: number
  completedSeconds: number
  billableSeconds: number
}

function byGroup(rows: StatsRow[]): Map<number, SecondsTotal> {
  const totals = new Map<number, SecondsTotal>()
  for (const row of rows) {
    totals.set(Number(row.groupId), {
      totalSeconds: readNumber(row.completedSeconds),
      billableSeconds: readNumber(row.billableSeconds),
    })
  }
  return totals
}

const SECONDS = ['completedSeconds', 'billableSeconds'] as const

/**
 * Aggregates over completed time entries that other modules present (project, task and user
 * totals). They read the per-project, per-task and per-user totals that the triggers of
 * migration 2026_12_03_0900 keep exact on every write, so a page of projects costs one row
 * each instead of a scan of all their entries.
 */
export class TimeEntryTotalsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Per project id: seconds of its completed entries. Missing ids have none. */
  async byProject(projectIds: number[]): Promise<Map<number, SecondsTotal>> {
    if (projectIds.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('timeEntryProjectStats')
      .select(['projectId as groupId', ...SECONDS])
      .where('projectId', 'in', projectIds)
      .execute()
    return byGroup(rows)
  }

  async byTask(taskIds: number[]): Promise<Map<number, SecondsTotal>> {
    if (taskIds.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('timeEntryTaskStats')
      .select(['taskId as groupId', ...SECONDS])
      .where('taskId', 'in', taskIds)
      .execute()
    return byGroup(rows)
  }

  async byUser(userIds: number[]): Promise<Map<number, SecondsTotal>> {
    if (userIds.length === 0) return new Map()
    const rows = await this.db
      .selectFrom('timeEntryUserStats')
      .select(['userId as groupId', ...SECONDS])
      .where('userId', 'in', userIds)
      .execute()
    return byGroup(rows)
  }
}
