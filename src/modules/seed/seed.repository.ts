import type { Insertable, Kysely, Transaction } from 'kysely'
import type {
  ClientTable,
  Database,
  ProjectMemberTable,
  ProjectTable,
  TaskTable,
  TimeEntryTable,
  UserTable,
} from '../../db/tables.js'
import { readFlag } from '../../db/values.js'

/**
 * Rows per INSERT: 1,000 rows of the widest table stay under both SQLite's 32,766 and
 * PostgreSQL's 65,535 bound parameters.
 */
const ROWS_PER_INSERT = 1000

function* chunks<T>(rows: Iterable<T>, size = ROWS_PER_INSERT): Generator<T[]> {
  let chunk: T[] = []
  for (const row of rows) {
    chunk.push(row)
    if (chunk.length === size) {
      yield chunk
      chunk = []
    }
  }
  if (chunk.length > 0) yield chunk
}

export type SeedUserRow = Insertable<UserTable>
export type SeedClientRow = Insertable<ClientTable>
export type SeedProjectRow = Insertable<ProjectTable>
export type SeedMemberRow = Insertable<ProjectMemberTable>
export type SeedTaskRow = Insertable<TaskTable>
export type SeedEntryRow = Insertable<TimeEntryTable>

/** Multi-row inserts inside the seed's one transaction; each returns the keys it needs to map ids. */
export class SeedWriter {
  constructor(private readonly trx: Transaction<Database>) {}

  /** Username → id. */
  async insertUsers(rows: SeedUserRow[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>()
    for (const chunk of chunks(rows)) {
      const inserted = await this.trx
        .insertInto('users')
        .values(chunk)
        .returning(['id', 'username'])
        .execute()
      for (const row of inserted) ids.set(row.username, row.id)
    }
    return ids
  }

  /** Client name → id. */
  async insertClients(rows: SeedClientRow[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>()
    for (const chunk of chunks(rows)) {
      const inserted = await this.trx.insertInto('clients').values(chunk).returning(['id', 'name']).execute()
      for (const row of inserted) ids.set(row.name, row.id)
    }
    return ids
  }

  /** Project code → id. */
  async insertProjects(rows: SeedProjectRow[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>()
    for (const chunk of chunks(rows)) {
      const inserted = await this.trx.insertInto('projects').values(chunk).returning(['id', 'code']).execute()
      for (const row of inserted) ids.set(row.code ?? '', row.id)
    }
    return ids
  }

  async insertMembers(rows: SeedMemberRow[]): Promise<void> {
    for (const chunk of chunks(rows)) await this.trx.insertInto('projectMembers').values(chunk).execute()
  }

  /** `projectId/name` → id (task names are unique within a seeded project). */
  async insertTasks(rows: SeedTaskRow[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>()
    for (const chunk of chunks(rows)) {
      const inserted = await this.trx
        .insertInto('tasks')
        .values(chunk)
        .returning(['id', 'projectId', 'name'])
        .execute()
      for (const row of inserted) ids.set(`${row.projectId}/${row.name}`, row.id)
    }
    return ids
  }

  /** Inserts the entries as they come, a batch at a time; returns how many. */
  async insertEntries(rows: Iterable<SeedEntryRow>): Promise<number> {
    let count = 0
    for (const chunk of chunks(rows)) {
      await this.trx.insertInto('timeEntries').values(chunk).execute()
      count += chunk.length
    }
    return count
  }
}

/** Bulk writes of the demo data set (`stint seed`). */
export class SeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** True when any client, project or time entry exists already. */
  async hasTrackingData(): Promise<boolean> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom('clients').select('id')).as('clients'),
        eb.exists(eb.selectFrom('projects').select('id')).as('projects'),
        eb.exists(eb.selectFrom('timeEntries').select('id')).as('entries'),
      ])
      .executeTakeFirstOrThrow()
    return [row.clients, row.projects, row.entries].some((flag) => readFlag(flag))
  }

  /** The active administrator with the lowest id, if any. */
  async findActiveAdmin(): Promise<{ id: number; username: string } | undefined> {
    return this.db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('role', '=', 'admin')
      .where('isActive', '=', true)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
  }

  /** Which of these usernames are taken. */
  async takenUsernames(usernames: string[]): Promise<string[]> {
    const taken: string[] = []
    for (const chunk of chunks(usernames)) {
      const rows = await this.db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', chunk)
        .execute()
      taken.push(...rows.map((row) => row.username))
    }
    return taken
  }

  /** Runs `write` in one transaction: the data set is written whole or not at all. */
  async writeAll<T>(write: (writer: SeedWriter) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => write(new SeedWriter(trx)))
  }
}
