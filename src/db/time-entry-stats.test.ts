import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, dialects, type TestDatabase } from '../../test/harness.js'
import { migrateToLatest } from './database.js'
import { migrations } from './migrations/index.js'
import type { Database } from './tables.js'

const NOW = new Date('2025-01-15T10:00:00Z')
const STATS_MIGRATION = '2026_12_03_0900_time_entry_stats'
const BEFORE_STATS = '2026_12_02_1100_create_quotes'

/** A migrator like migrateToLatest's, for moving to a given migration. */
async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter
  const schema = isPostgres
    ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
    : undefined
  return new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
}

type Totals = Record<string, Record<string, Record<string, number>>>

/** The totals as the triggers keep them, without all-zero rows (left behind after moves). */
async function keptTotals(db: Kysely<Database>): Promise<Totals> {
  const read = async (
    table: 'timeEntryUserStats' | 'timeEntryProjectStats' | 'timeEntryTaskStats',
    key: string,
  ) => {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Array<Record<string, number>>
    const entries = rows
      .map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, Number(value)])))
      .filter((row) => Object.entries(row).some(([column, value]) => column !== key && value !== 0))
      .map((row) => [`${key}:${row[key]}`, row] as const)
    return Object.fromEntries(entries)
  }
  return {
    users: await read('timeEntryUserStats', 'userId'),
    projects: await read('timeEntryProjectStats', 'projectId'),
    tasks: await read('timeEntryTaskStats', 'taskId'),
  }
}

/** The same totals computed from the entries themselves. */
async function recomputedTotals(db: Kysely<Database>): Promise<Totals> {
  const entries = await db.selectFrom('timeEntries').selectAll().execute()
  const totals: Totals = { users: {}, projects: {}, tasks: {} }
  const add = (
    group: string,
    key: string,
    id: number | null,
    running: boolean,
    entry: (typeof entries)[number],
  ) => {
    if (id === null) return
    const row = (totals[group]![`${key}:${id}`] ??= {
      [key]: id,
      completedEntries: 0,
      ...(key === 'userId' ? { runningEntries: 0 } : {}),
      completedSeconds: 0,
      billableSeconds: 0,
    })
    if (running) row.runningEntries = (row.runningEntries ?? 0) + 1
    else {
      row.completedEntries! += 1
      row.completedSeconds! += entry.durationSeconds ?? 0
      if (entry.billable === true || entry.billable === 1) row.billableSeconds! += entry.durationSeconds ?? 0
    }
  }
  for (const entry of entries) {
    const running = entry.endTime === null
    add('users', 'userId', entry.userId, running, entry)
    if (!running) add('projects', 'projectId', entry.projectId, false, entry)
    if (!running) add('tasks', 'taskId', entry.taskId, false, entry)
  }
  return totals
}

async function seedReferences(db: Kysely<Database>): Promise<void> {
  const stamps = { createdAt: NOW, updatedAt: NOW }
  for (const username of ['ann', 'bob'])
    await db
      .insertInto('users')
      .values({ username, role: 'user', email: null, fullName: null, passwordHash: null, ...stamps })
      .execute()
  await db
    .insertInto('clients')
    .values({ name: 'Acme', ...stamps })
    .execute()
  for (const name of ['Apollo', 'Gemini'])
    await db
      .insertInto('projects')
      .values({ name, clientId: 1, billable: true, ...stamps })
      .execute()
  for (const name of ['Design', 'Build'])
    await db
      .insertInto('tasks')
      .values({ name, projectId: 1, ...stamps })
      .execute()
}

function entry(userId: number, hour: number, seconds: number | null, extra: Record<string, unknown> = {}) {
  const startTime = new Date(NOW.getTime() - (48 - hour) * 3_600_000)
  return {
    userId,
    projectId: 1,
    taskId: 1,
    startTime,
    endTime: seconds === null ? null : new Date(startTime.getTime() + seconds * 1000),
    durationSeconds: seconds,
    billable: true,
    paid: false,
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  }
}

describe.each(dialects)('time-entry totals kept by the database on $name', ({ name }) => {
  let testDb: TestDatabase | undefined

  afterEach(async () => {
    await testDb?.handle.db.destroy()
    await testDb?.drop()
  })

  async function migrated(): Promise<Kysely<Database>> {
    testDb = await createTestDatabase(name)
    await migrateToLatest(testDb.handle.db)
    await seedReferences(testDb.handle.db)
    return testDb.handle.db
  }

  it('match the entries after multi-row inserts, stops, moves, edits and deletes of any kind', async () => {
    const db = await migrated()

    await db
      .insertInto('timeEntries')
      .values([
        entry(1, 1, 3600),
        entry(1, 3, 1800, { billable: false }),
        entry(1, 5, null),
        entry(2, 1, 600, { taskId: 2 }),
        entry(2, 3, 900, { projectId: null, taskId: null, clientId: 1 }),
      ])
      .execute()
    const afterInsert = await keptTotals(db)
    await db
      .updateTable('timeEntries')
      .set({ endTime: NOW, durationSeconds: 7200 })
      .where('endTime', 'is', null)
      .execute()
    await db.updateTable('timeEntries').set({ projectId: 2, billable: false }).where('id', '=', 1).execute()
    await db
      .updateTable('timeEntries')
      .set({ durationSeconds: 1200, notes: 'edited' })
      .where('userId', '=', 2)
      .execute()
    await db.deleteFrom('tasks').where('id', '=', 2).execute()
    await db.deleteFrom('timeEntries').where('id', '=', 2).execute()

    expect(afterInsert.users?.['userId:1']).toMatchObject({
      completedEntries: 2,
      runningEntries: 1,
      completedSeconds: 5400,
      billableSeconds: 3600,
    })
    expect(await keptTotals(db)).toEqual(await recomputedTotals(db))
  })

  it('are filled from the entries already there when the migration runs', async () => {
    testDb = await createTestDatabase(name)
    const db = testDb.handle.db
    const migrator = await migratorFor(db)
    await migrator.migrateTo(BEFORE_STATS)
    await seedReferences(db)
    await db
      .insertInto('timeEntries')
      .values([entry(1, 1, 3600), entry(1, 5, null), entry(2, 2, 60, { billable: false })])
      .execute()

    const result = await migrator.migrateTo(STATS_MIGRATION)

    expect(result.error).toBeUndefined()
    expect(await keptTotals(db)).toEqual(await recomputedTotals(db))
    expect((await keptTotals(db)).users?.['userId:1']).toMatchObject({
      completedEntries: 1,
      runningEntries: 1,
    })
  })

  it('are removed with their triggers when the migration is undone, and rebuilt when it runs again', async () => {
    const db = await migrated()
    const migrator = await migratorFor(db)

    const down = await migrator.migrateTo(BEFORE_STATS)
    const tablesAfterDown = await db.introspection.getTables()
    await db
      .insertInto('timeEntries')
      .values(entry(1, 1, 3600))
      .execute()
    await migrateToLatest(db)

    expect(down.error).toBeUndefined()
    expect(tablesAfterDown.map((table) => table.name)).not.toContain('time_entry_user_stats')
    expect(await keptTotals(db)).toEqual(await recomputedTotals(db))
  })
})
