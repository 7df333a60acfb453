import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countRows, createCliDatabase, runCli, type CliDatabase } from '../../test/cli-harness.js'
import { dialects } from '../../test/harness.js'
import { readInstant } from '../db/values.js'

const SMALL = ['seed', '--users', '3', '--projects', '5', '--entries', '200', '--end-date', '2026-03-02']
const TOKEN = /tt_[A-Za-z0-9]{32}/

/** Every seeded row but secrets (password hashes, tokens): what "the same data" means. */
async function dataOf(database: CliDatabase): Promise<Record<string, unknown[]>> {
  const db = database.deps.database.db.withoutPlugins()
  const tables = ['users', 'clients', 'projects', 'project_members', 'tasks', 'time_entries']
  const data: Record<string, unknown[]> = {}
  for (const table of tables) {
    const order = table === 'project_members' ? sql`project_id, user_id` : sql`id`
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(table)} order by ${order}`.execute(db)
    data[table] = rows.map(({ password_hash: _hash, ...row }) => row)
  }
  return data
}

describe.each(dialects)('stint seed on $name', ({ name }) => {
  let database: CliDatabase
  let other: CliDatabase | undefined

  const stint = (...args: string[]) => runCli(args, database.env)

  beforeEach(async () => {
    database = await createCliDatabase(name)
  })

  afterEach(async () => {
    await database.drop()
    await other?.drop()
    other = undefined
  })

  it('creates the users, clients, projects, tasks and entries asked for and prints how to use them', async () => {
    const result = await stint(...SMALL)

    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(
      /^Seeded 3 users, 2 clients, 5 projects \(\d+ memberships\), \d+ tasks and 200 time entries \(1 running timer\) from 2024-03-04 to 2026-02-27 in \d+\.\d s\.$/,
    )
    expect(lines[1]).toBe(
      'Sign in as admin / admin-password (administrator), or as user1 … user3 with the password password-123.',
    )
    expect(lines[2]).toMatch(/^Admin API token \(admin, admin:all\): tt_[A-Za-z0-9]{32}$/)
    expect(lines[3]).toMatch(/^User API token \(user1, read:\*,write:\*\): tt_[A-Za-z0-9]{32}$/)
    const counts = await countRows(database.deps.database)
    expect(counts).toMatchObject({ users: 4, clients: 2, projects: 5, time_entries: 200, api_tokens: 2 })
  })

  it('prints tokens that authenticate as the administrator and as user1, and passwords that sign in', async () => {
    const result = await stint(...SMALL)
    const [adminToken, userToken] = result.stdout.match(new RegExp(TOKEN, 'g')) ?? []

    const admin = await database.deps.tokens.authenticate(adminToken!, '127.0.0.1')
    const user = await database.deps.tokens.authenticate(userToken!, '127.0.0.1')

    expect(admin.user).toMatchObject({ username: 'admin', isAdmin: true })
    expect(admin.scopes).toEqual(['admin:all'])
    expect(user.user).toMatchObject({ username: 'user1', role: 'user' })
    expect(user.scopes).toEqual(['read:*', 'write:*'])
    expect(await database.deps.users.authenticate('user3', 'password-123')).toMatchObject({
      username: 'user3',
    })
    expect(await database.deps.users.authenticate('admin', 'admin-password')).toMatchObject({ isAdmin: true })
  })

  it('keeps an existing administrator and gives the admin token to them', async () => {
    await stint('user', 'create', '--username', 'boss', '--password', 'password-123', '--admin')

    const result = await stint(...SMALL)

    expect(result.status).toBe(0)
    expect(result.stdout).toContain('Sign in as boss (the existing administrator, password unchanged)')
    const adminToken = /^Admin API token \(boss, admin:all\): (tt_\w+)$/m.exec(result.stdout)?.[1]
    expect((await database.deps.tokens.authenticate(adminToken!, '127.0.0.1')).user.username).toBe('boss')
    expect(await database.deps.users.authenticate('admin', 'admin-password')).toBeUndefined()
  })

  it('lays entries on weekdays in working hours of the two years before the end date, never overlapping', async () => {
    await stint(...SMALL)
    const db = database.deps.database.db

    const entries = await db.selectFrom('timeEntries').selectAll().execute()
    const overlaps = await sql<{ n: number | string }>`
      select count(*) as n from time_entries a join time_entries b
        on a.user_id = b.user_id and a.id < b.id and a.start_time < b.end_time and a.end_time > b.start_time
      where a.end_time is not null and b.end_time is not null`.execute(db.withoutPlugins())

    expect(Number(overlaps.rows[0]?.n)).toBe(0)
    const completed = entries.filter((entry) => entry.endTime !== null)
    for (const entry of completed) {
      const start = readInstant(entry.startTime)
      const end = readInstant(entry.endTime as Date | number)
      expect([0, 6]).not.toContain(start.getUTCDay())
      expect(start.getUTCHours()).toBeGreaterThanOrEqual(8)
      expect(end.getTime() - start.getTime()).toBeGreaterThan(0)
      expect(end.toISOString() <= `${start.toISOString().slice(0, 10)}T18:00:00.000Z`).toBe(true)
      expect(start >= new Date('2024-03-02T00:00:00Z') && end < new Date('2026-03-02T00:00:00Z')).toBe(true)
      expect(entry.durationSeconds).toBe((end.getTime() - start.getTime()) / 1000 - entry.breakSeconds)
    }
  })

  it('leaves one running timer, holding its owner’s single-timer claim', async () => {
    await stint(...SMALL)

    const running = await database.deps.database.db
      .selectFrom('timeEntries')
      .select(['userId', 'singleTimerOwner', 'durationSeconds', 'source'])
      .where('endTime', 'is', null)
      .execute()

    expect(running).toHaveLength(1)
    expect(running[0]).toMatchObject({ durationSeconds: null, source: 'auto' })
    expect(running[0]?.singleTimerOwner).toBe(running[0]?.userId)
  })

  it('gives the same data for the same arguments', async () => {
    other = await createCliDatabase(name)

    const first = await stint(...SMALL)
    const second = await runCli(SMALL, other.env)

    expect([first.status, second.status]).toEqual([0, 0])
    expect(await dataOf(other)).toEqual(await dataOf(database))
  })

  it('refuses a database that already holds tracking data, writing nothing', async () => {
    await stint(...SMALL)
    const before = await countRows(database.deps.database)

    const result = await stint(...SMALL)

    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'stint: The database already holds clients, projects or time entries; seed an empty database\n',
    })
    expect(await countRows(database.deps.database)).toEqual(before)
  })
})

interface BadSeed {
  description: string
  args: string[]
  stderr: string
}

const badSeeds: BadSeed[] = [
  {
    description: 'no users',
    args: ['--users', '0', '--projects', '5', '--entries', '10'],
    stderr: "option '--users <n>' argument '0' is invalid. Expected a number of users between 1 and 10000.",
  },
  {
    description: 'a count that is not a number',
    args: ['--users', '3', '--projects', 'many', '--entries', '10'],
    stderr:
      "option '--projects <n>' argument 'many' is invalid. Expected a number of projects between 1 and 100000.",
  },
  {
    description: 'a negative entry count',
    args: ['--users', '3', '--projects', '5', '--entries', '-1'],
    stderr:
      "option '--entries <n>' argument '-1' is invalid. Expected a number of entries between 0 and 10000000.",
  },
  {
    description: 'a missing count',
    args: ['--users', '3', '--projects', '5'],
    stderr: "required option '--entries <n>' not specified",
  },
  {
    description: 'an impossible end date',
    args: ['--users', '3', '--projects', '5', '--entries', '10', '--end-date', '2026-02-30'],
    stderr: "option '--end-date <date>' argument '2026-02-30' is invalid. Expected a date YYYY-MM-DD.",
  },
  {
    description: 'more entries than the users can work',
    args: ['--users', '1', '--projects', '1', '--entries', '100002'],
    stderr: 'Too many entries for 1 user: at most 100000 (100000 per user)',
  },
]

describe.each(dialects)('stint seed with bad input on $name', ({ name }) => {
  let database: CliDatabase

  beforeEach(async () => {
    database = await createCliDatabase(name)
    await runCli(['migrate'], database.env)
  })

  afterEach(async () => database.drop())

  it.each(badSeeds)(
    'rejects $description with one line on stderr and exit 2, writing nothing',
    async (bad) => {
      const before = await countRows(database.deps.database)

      const result = await runCli(['seed', ...bad.args], database.env)

      expect(result).toEqual({ status: 2, stdout: '', stderr: `stint: ${bad.stderr}\n` })
      expect(await countRows(database.deps.database)).toEqual(before)
    },
  )
})
