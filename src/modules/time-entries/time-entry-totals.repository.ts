import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.js'
import { readNumber } from '../../db/values.js'

/** Worked seconds of completed entries, all and billable only, summed in SQL. */
export interface SecondsTotal {
  totalSeconds: number
  billableSeconds: number
}

type GroupColumn = 'projectId' | 'taskId' | 'userId'

/** Aggregates over completed time entries that other modules present (project, task and user totals). */
export class TimeEntryTotalsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private async secondsBy(column: GroupColumn, ids: number[]): Promise<Map<number, SecondsTotal>> {
    const totals = new Map<number, SecondsTotal>()
    if (ids.length === 0) return totals
    const rows = await this.db
      .selectFrom('timeEntries')
      .select((eb) => [
        eb.ref(column).as('groupId'),
        eb.fn.sum<number>('durationSeconds').as('totalSeconds'),
        eb.fn
          .sum<number>(sql`case when billable = ${sql.lit(true)} then duration_seconds else 0 end`)
          .as('billableSeconds'),
      ])
      .where(column, 'in', ids)
      .where('endTime', 'is not', null)
      .groupBy(column)
      .execute()
    for (const row of rows) {
      totals.set(Number(row.groupId), {
        totalSeconds: readNumber(row.totalSeconds),
        billableSeconds: readNumber(row.billableSeconds),
      })
    }
    return totals
  }

  /** Per project id: seconds of its completed entries. Missing ids have none. */
  byProject(projectIds: number[]): Promise<Map<number, SecondsTotal>> {
    return this.secondsBy('projectId', projectIds)
  }

  byTask(taskIds: number[]): Promise<Map<number, SecondsTotal>> {
    return this.secondsBy('taskId', taskIds)
  }

  byUser(userIds: number[]): Promise<Map<number, SecondsTotal>> {
    return this.secondsBy('userId', userIds)
  }
}
