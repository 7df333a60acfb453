// One benchmark scenario: a fresh SQLite database seeded with `entries`, the real server on it,
// every endpoint under load, then the baselines (bare node:http, raw SQL) on the same data.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { importRows, importThroughApi } from './csv.js'
import { fetchOk, measure } from './load.js'
import { ROOT, run, startServer } from './processes.js'
import { rawBatchedInsert, timeRawAggregate } from './sql.js'

const DAY = 86_400

function serverEnvironment(dir) {
  return {
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${path.join(dir, 'stint.db')}`,
    SECRET_KEY: 'bench-secret-key-0123456789',
    APP_TIMEZONE: 'UTC',
    LOG_LEVEL: 'warn',
    // The benchmark sends far more than a real client may: lift the per-token limits.
    API_TOKEN_RATE_LIMIT_PER_MINUTE: '1000000000',
    API_TOKEN_RATE_LIMIT_PER_HOUR: '1000000000',
  }
}

async function seed(env, options, entries) {
  const started = performance.now()
  const args = ['seed', '--users', options.users, '--projects', options.projects, '--entries', entries]
  const output = await run(process.execPath, [path.join(ROOT, 'bin/stint.js'), ...args.map(String)], env)
  const token = (label) => new RegExp(`^${label} API token .*: (tt_\\w+)$`, 'm').exec(output)?.[1]
  return { seconds: (performance.now() - started) / 1000, admin: token('Admin'), user: token('User') }
}

/** The last whole calendar month (UTC) before today, as dates and as Unix seconds. */
function lastFullMonth(now = new Date()) {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  const date = (d) => d.toISOString().slice(0, 10)
  return {
    startDate: date(first),
    endDate: date(last),
    startSeconds: first.getTime() / 1000,
    endSeconds: last.getTime() / 1000 + DAY - 1,
  }
}

const bearer = (token) => ({ authorization: `Bearer ${token}` })

/** POST /time-entries with a new one-minute range each time, after everything seeded. */
function createRequest(token, projectId) {
  const base = Math.ceil(Date.now() / 1000 / 60) * 60 + DAY
  let counter = 0
  return {
    method: 'POST',
    path: '/api/v1/time-entries',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    setupRequest(request) {
      const start = base + counter * 120
      counter += 1
      const iso = (seconds) => new Date(seconds * 1000).toISOString()
      request.body = JSON.stringify({
        project_id: projectId,
        start_time: iso(start),
        end_time: iso(start + 60),
        notes: 'Benchmark entry',
        billable: true,
      })
      return request
    },
  }
}

async function loadEndpoints(server, tokens, month, load) {
  const visible = JSON.parse(
    await fetchOk(`${server.url}/api/v1/projects?per_page=100`, { headers: bearer(tokens.user) }),
  ).projects
  const summary = `/api/v1/reports/summary?start_date=${month.startDate}&end_date=${month.endDate}`
  const endpoints = {
    'GET /time-entries (admin)': { path: '/api/v1/time-entries?per_page=50', headers: bearer(tokens.admin) },
    'GET /time-entries (user)': { path: '/api/v1/time-entries?per_page=50', headers: bearer(tokens.user) },
    'GET /projects (user)': { path: '/api/v1/projects', headers: bearer(tokens.user) },
    'GET /reports/summary (month, admin)': { path: summary, headers: bearer(tokens.admin) },
    'POST /time-entries (user)': createRequest(tokens.user, visible[0].id),
  }
  const results = {}
  for (const [name, request] of Object.entries(endpoints)) {
    results[name] = await measure(server, { method: 'GET', ...request }, load)
    console.error(`  ${name}: ${Math.round(results[name].requestsPerSecond)} req/s`)
  }
  return results
}

async function captureBodies(server, tokens) {
  const list = (token) => fetchOk(`${server.url}/api/v1/time-entries?per_page=50`, { headers: bearer(token) })
  return {
    'GET /time-entries (admin)': await list(tokens.admin),
    'GET /time-entries (user)': await list(tokens.user),
  }
}

async function bareServers(dir, bodies, load) {
  const results = {}
  for (const [name, body] of Object.entries(bodies)) {
    const file = path.join(dir, `body-${Object.keys(results).length}.json`)
    writeFileSync(file, body)
    const bare = await startServer(path.join(ROOT, 'bench/bare-server.js'), [file], {})
    try {
      const figures = await measure(bare, { method: 'GET', path: '/api/v1/time-entries' }, load)
      results[name] = { ...figures, bytes: Buffer.byteLength(body) }
    } finally {
      await bare.stop()
    }
  }
  return results
}

async function csvImport(server, tokens, dir, rowCount) {
  const me = JSON.parse(await fetchOk(`${server.url}/api/v1/users/me`, { headers: bearer(tokens.admin) }))
  const projects = JSON.parse(
    await fetchOk(`${server.url}/api/v1/projects?per_page=100`, { headers: bearer(tokens.admin) }),
  ).projects.map((project) => project.id)
  const rows = importRows(rowCount, projects, Date.UTC(2031, 0, 1) / 1000)
  const api = await importThroughApi(server.url, tokens.admin, rows)
  const shifted = rows.map((row) => ({
    ...row,
    userId: me.user.id,
    start: row.start + 3650 * DAY,
    end: row.end + 3650 * DAY,
  }))
  const rawMilliseconds = rawBatchedInsert(path.join(dir, 'stint.db'), shifted, Math.floor(Date.now() / 1000))
  return { rows: rowCount, ...api, rawMilliseconds }
}

/** Seeds, starts the server, loads every endpoint and measures the baselines; returns the figures. */
export async function runScenario(entries, options) {
  const dir = mkdtempSync(path.join(tmpdir(), `stint-bench-${entries}-`))
  const env = serverEnvironment(dir)
  try {
    console.error(`${entries.toLocaleString('en-US')} entries: seeding …`)
    const seeded = await seed(env, options, entries)
    const month = lastFullMonth()
    const server = await startServer(path.join(ROOT, 'dist/main.js'), [], env)
    let endpoints, bodies, csv
    try {
      bodies = await captureBodies(server, seeded)
      endpoints = await loadEndpoints(server, seeded, month, options)
      const rawAggregateMs = timeRawAggregate(
        path.join(dir, 'stint.db'),
        month.startSeconds,
        month.endSeconds,
      )
      endpoints['GET /reports/summary (month, admin)'].rawAggregateMs = rawAggregateMs
      if (options.csvRows > 0) {
        console.error(`  CSV import of ${options.csvRows} rows …`)
        csv = await csvImport(server, seeded, dir, options.csvRows).catch((error) => ({
          rows: options.csvRows,
          error: error.message,
        }))
      }
    } finally {
      await server.stop()
    }
    const bare = await bareServers(dir, bodies, options)
    return { entries, seedSeconds: seeded.seconds, month, endpoints, bare, csv, dir }
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true })
  }
}
