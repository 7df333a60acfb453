// The query plans of the benchmarked endpoints, taken from the SQL the real repositories send.
//
//   node bench/plans.js --sqlite path/to/stint.db        EXPLAIN QUERY PLAN on a seeded SQLite file
//   node bench/plans.js --postgres postgres://… [--entries 1000000] [--reuse]
//                                                        seeds a scratch schema (kept with --reuse), VACUUM ANALYZE, EXPLAIN ANALYZE
//
// Needs dist/ (npm run build). The SQL is captured through Kysely's log hook while the
// repositories run, so the plans are those of the queries the server really sends.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { ROOT } from './processes.js'

const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url))
const { SqliteValuesPlugin } = await dist('db/sqlite-values.js')
const { TimeEntryRepository } = await dist('modules/time-entries/time-entry.repository.js')
const { TimeEntryTotalsRepository } = await dist('modules/time-entries/time-entry-totals.repository.js')
const { ReportsRepository } = await dist('modules/reports/reports.repository.js')
const { ProjectRepository } = await dist('modules/projects/project.repository.js')

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    postgres: { type: 'string' },
    entries: { type: 'string', default: '1000000' },
    reuse: { type: 'boolean', default: false },
  },
})

/** Runs each repository call and returns the last SQL it sent, with its parameters. */
async function capture(db, log) {
  const user = (
    await db.selectFrom('users').select('id').where('username', '=', 'user1').executeTakeFirstOrThrow()
  ).id
  const own = { scope: 'own', userId: user }
  const month = lastFullMonth()
  const entries = new TimeEntryRepository(db)
  const calls = {
    'GET /time-entries (admin): page': () =>
      entries.list({ includeRunning: false }, { page: 1, perPage: 50 }),
    'GET /time-entries (admin): total': () => entries.count({ includeRunning: false }),
    'GET /time-entries (user): page': () =>
      entries.list({ userId: user, includeRunning: false }, { page: 1, perPage: 50 }),
    'GET /time-entries (user): total': () => entries.count({ userId: user, includeRunning: false }),
    'GET /time-entries?start_date=… (user): total': () =>
      entries.count({ userId: user, includeRunning: false, startFrom: month.start }),
    'GET /projects (user): page': () =>
      new ProjectRepository(db).listVisible(
        own,
        { status: 'active', clientId: undefined },
        { limit: 50, offset: 0 },
      ),
    'GET /projects (user): total': () =>
      new ProjectRepository(db).countVisible(own, { status: 'active', clientId: undefined }),
    'GET /projects: hours of the page': () => new TimeEntryTotalsRepository(db).byProject([1, 2, 3, 4, 5]),
    'GET /reports/summary (month, admin)': () => new ReportsRepository(db).tallyByProject(month),
    'GET /reports/summary (month, user)': () =>
      new ReportsRepository(db).tallyByProject({ ...month, userId: user }),
    'POST /time-entries: overlap check': () =>
      entries.hasOverlap(user, new Date(Date.now() + 86_400_000), new Date(Date.now() + 86_460_000)),
  }
  const captured = {}
  for (const [name, call] of Object.entries(calls)) {
    await call()
    captured[name] = log.at(-1)
  }
  return captured
}

function lastFullMonth(now = new Date()) {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 1000),
  }
}

function print(plans) {
  for (const [name, { sql, plan }] of Object.entries(plans)) {
    console.log(`### ${name}\n\n\`\`\`sql\n${sql}\n\`\`\`\n\n\`\`\`\n${plan.join('\n')}\n\`\`\`\n`)
  }
}

async function sqlitePlans(file) {
  const connection = new SqliteDatabase(file, { readonly: true })
  const log = []
  const db = new Kysely({
    dialect: new SqliteDialect({ database: connection }),
    plugins: [new SqliteValuesPlugin(), new CamelCasePlugin()],
    log: (event) => log.push(event.query),
  })
  const captured = await capture(db, log)
  const plans = {}
  for (const [name, query] of Object.entries(captured)) {
    const rows = connection.prepare(`explain query plan ${query.sql}`).all(query.parameters)
    plans[name] = { sql: query.sql, plan: rows.map((row) => row.detail) }
  }
  await db.destroy()
  return plans
}

function withSchema(url, schema) {
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
}

async function postgresPlans(url, entries, reuse) {
  const schema = 'stint_bench_plans'
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  if (!reuse) {
    await admin.query(`drop schema if exists ${schema} cascade; create schema ${schema}`)
    const env = {
      ...process.env,
      DATABASE_URL: withSchema(url, schema),
      SECRET_KEY: 'bench-secret-key-0123456789',
      LOG_LEVEL: 'warn',
    }
    const args = ['bin/stint.js', 'seed', '--users', '100', '--projects', '200', '--entries', entries]
    const seeded = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' })
    if (seeded.status !== 0) throw new Error(seeded.stderr)
    console.error(seeded.stdout.split('\n')[0])
  }
  // What autovacuum does soon after a bulk load (sets the visibility map, drops the dead versions
  // the seed left in the totals rows); only this schema's tables, not every schema on the server.
  const tables = ['users', 'projects', 'project_members', 'clients', 'tasks', 'time_entries']
  tables.push('time_entry_user_stats', 'time_entry_project_stats', 'time_entry_task_stats')
  for (const table of tables) await admin.query(`vacuum analyze ${schema}.${table}`)
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 1 })
  const log = []
  const db = new Kysely({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => log.push(event.query),
  })
  const captured = await capture(db, log)
  const plans = {}
  for (const [name, query] of Object.entries(captured)) {
    const { rows } = await pool.query(`explain (analyze, costs off) ${query.sql}`, query.parameters)
    plans[name] = { sql: query.sql, plan: rows.map((row) => row['QUERY PLAN']) }
  }
  await db.destroy()
  if (!reuse) await admin.query(`drop schema ${schema} cascade`)
  await admin.end()
  return plans
}

if (values.sqlite) print(await sqlitePlans(values.sqlite))
if (values.postgres) print(await postgresPlans(values.postgres, values.entries, values.reuse))
if (!values.sqlite && !values.postgres)
  console.error('usage: node bench/plans.js --sqlite FILE | --postgres URL [--entries N]')
