import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { Database } from '../../db/tables.js'
import { readFlag, readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type {
  ProjectTally,
  ReportEntry,
  ReportFilter,
  ReportPage,
  SecondsTally,
  UserTally,
} from './reports.types.js'

/** Ids are 32-bit in storage; a filter outside that range matches nothing (and must not reach PostgreSQL). */
const MAX_STORED_ID = 2_147_483_647

const duration = sql.ref('e.durationSeconds')
const totalSeconds = sql<number | null>`sum(${duration})`
const billableDuration = sql`case when ${sql.ref('e.billable')} = ${true} then ${duration} else 0 end`
const billableSeconds = sql<number | null>`sum(${billableDuration})`
const entryCount = sql<number>`count(*)`
const groupSums = [
  totalSeconds.as('totalSeconds'),
  billableSeconds.as('billableSeconds'),
  entryCount.as('entries'),
] as const
/** round2 of a group's hours as whole hundredths (api-core.md §1.3), so groups with equal shown hours tie. */
const groupHundredthsOfHours = sql<number>`(coalesce(${sql.ref('g.totalSeconds')}, 0) * 100 + 1800) / 3600`

function idEquals(column: string, id: number): RawBuilder<SqlBool> {
  if (Math.abs(id) > MAX_STORED_ID) return sql<SqlBool>`1 = 0`
  return sql<SqlBool>`${sql.ref(column)} = ${id}`
}

/** Completed entries starting within the range, narrowed to a project and a user when given. */
function matching(filter: ReportFilter): RawBuilder<SqlBool> {
  const conditions = [
    sql<SqlBool>`${sql.ref('e.endTime')} is not null`,
    sql<SqlBool>`${sql.ref('e.startTime')} >= ${filter.start}`,
    sql<SqlBool>`${sql.ref('e.startTime')} <= ${filter.end}`,
  ]
  if (filter.projectId !== undefined) conditions.push(idEquals('e.projectId', filter.projectId))
  if (filter.userId !== undefined) conditions.push(idEquals('e.userId', filter.userId))
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`
}

function toTally(row: { totalSeconds: unknown; billableSeconds: unknown; entries: unknown }): SecondsTally {
  return {
    totalSeconds: readNumber(row.totalSeconds as number | null),
    billableSeconds: readNumber(row.billableSeconds as number | null),
    entries: readNumber(row.entries as number),
  }
}

/** Sums the tallies of disjoint groups; the seconds are integers, so the result is exact. */
function addTallies(tallies: SecondsTally[]): SecondsTally {
  return tallies.reduce(
    (sum, tally) => ({
      totalSeconds: sum.totalSeconds + tally.totalSeconds,
      billableSeconds: sum.billableSeconds + tally.billableSeconds,
      entries: sum.entries + tally.entries,
    }),
    { totalSeconds: 0, billableSeconds: 0, entries: 0 },
  )
}

/** Aggregates and listings over completed time entries; every sum and count is computed in SQL per group. */
export class ReportsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** All matching entries, those without a project included. */
  async totals(filter: ReportFilter): Promise<SecondsTally> {
    const row = await this.db
      .selectFrom('timeEntries as e')
      .select([
        totalSeconds.as('totalSeconds'),
        billableSeconds.as('billableSeconds'),
        entryCount.as('entries'),
      ])
      .where(matching(filter))
      .executeTakeFirstOrThrow()
    return toTally(row)
  }

  /**
   * Totals and per-project tallies from one grouped scan: entries are summed per project
   * first, names are joined to the groups afterwards, and the totals add the groups (entries
   * without a project form a group of their own that only the totals see). Per project: most
   * hours first, then by project id.
   */
  async tallyByProject(filter: ReportFilter): Promise<{ totals: SecondsTally; byProject: ProjectTally[] }> {
    const rows = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('timeEntries as e')
          .select(['e.projectId', ...groupSums])
          .where(matching(filter))
          .groupBy('e.projectId')
          .as('g'),
      )
      .leftJoin('projects as p', 'p.id', 'g.projectId')
      .leftJoin('clients as c', 'c.id', 'p.clientId')
      .select(['g.projectId', 'g.totalSeconds', 'g.billableSeconds', 'g.entries'])
      .select(['p.name as projectName', 'p.clientId', 'c.name as clientName'])
      .orderBy(groupHundredthsOfHours, 'desc')
      .orderBy('g.projectId', 'asc')
      .execute()
    const byProject = rows
      .filter((row) => row.projectId !== null)
      .map((row) => ({
        ...toTally(row),
        projectId: Number(row.projectId),
        projectName: row.projectName,
        clientId: row.clientId,
        clientName: row.clientName,
      }))
    return { totals: addTallies(rows.map(toTally)), byProject }
  }

  /** Totals and per-user tallies from one grouped scan (every entry has a user); most hours first, then by user id. */
  async tallyByUser(filter: ReportFilter): Promise<{ totals: SecondsTally; byUser: UserTally[] }> {
    const rows = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('timeEntries as e')
          .select(['e.userId', ...groupSums])
          .where(matching(filter))
          .groupBy('e.userId')
          .as('g'),
      )
      .leftJoin('users as u', 'u.id', 'g.userId')
      .select(['g.userId', 'g.totalSeconds', 'g.billableSeconds', 'g.entries', 'u.username', 'u.fullName'])
      .orderBy(groupHundredthsOfHours, 'desc')
      .orderBy('g.userId', 'asc')
      .execute()
    const byUser = rows.map((row) => ({
      ...toTally(row),
      userId: row.userId,
      username: row.username,
      fullName: row.fullName,
    }))
    return { totals: addTallies(byUser), byUser }
  }

  /** One page of the matching entries, newest start first. */
  async listEntries(filter: ReportFilter, page: ReportPage): Promise<ReportEntry[]> {
    const rows = await this.db
      .selectFrom('timeEntries as e')
      .leftJoin('users as u', 'u.id', 'e.userId')
      .leftJoin('projects as p', 'p.id', 'e.projectId')
      .leftJoin('tasks as t', 't.id', 'e.taskId')
      .select(['e.id', 'e.userId', 'u.username', 'e.projectId', 'p.name as projectName', 'e.taskId'])
      .select(['t.name as taskName', 'e.clientId', 'e.startTime', 'e.endTime', 'e.durationSeconds'])
      .select(['e.notes', 'e.tags', 'e.billable'])
      .where(matching(filter))
      .orderBy('e.startTime', 'desc')
      .orderBy('e.id', 'desc')
      .limit(page.perPage)
      .offset(Math.min((page.page - 1) * page.perPage, Number.MAX_SAFE_INTEGER))
      .execute()
    return rows.map((row) => ({
      ...row,
      startTime: readInstant(row.startTime),
      endTime: readOptionalInstant(row.endTime),
      billable: readFlag(row.billable),
    }))
  }
}
