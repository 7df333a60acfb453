// Outgoing webhooks under load (webhooks.md §6.4): raises events at a steady rate through the
// built application (dist/), each in a unit of work of its own as an API call would, and lets the
// real dispatcher deliver them to a local receiver process. Prints the delivered count, the
// delivery lag (arrival at the receiver minus the high-resolution time the event was raised,
// carried in the event data) at p50/p99 and the RSS at start, middle and end.
//
//   node bench/webhooks.js [--rate 10000] [--seconds 60] [--webhooks 1] [--database postgres://…] [--no-build]
//
// Targets: p99 lag < 2 s at 10,000 events per minute, every event delivered, flat memory.
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { ROOT, run } from './processes.js'

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '60' },
    webhooks: { type: 'string', default: '1' },
    database: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
})
const perMinute = Number(values.rate)
const seconds = Number(values.seconds)
const webhookCount = Number(values.webhooks)

if (!values['no-build']) {
  console.error('building …')
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { PWD: ROOT })
}
const { loadConfig } = await import('../dist/config.js')
const { buildDependencies, prepareStorage } = await import('../dist/dependencies.js')

const dataDir = mkdtempSync(path.join(tmpdir(), 'stint-webhook-bench-'))
const env = {
  DATA_DIR: dataDir,
  SECRET_KEY: 'bench-secret-key-0123456789',
  ADMIN_USERNAME: 'admin',
  ADMIN_PASSWORD: 'admin-password-123',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  LOG_LEVEL: 'silent',
  DATABASE_URL: `sqlite:${path.join(dataDir, 'stint.db')}`,
}
let schema
if (values.database) {
  schema = `stint_webhook_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: values.database })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const url = new URL(values.database)
  url.searchParams.set('options', `-c search_path=${schema}`)
  env.DATABASE_URL = url.toString()
}

const receiver = fork(path.join(ROOT, 'bench/webhook-receiver.js'))
const { port } = await new Promise((resolve) => receiver.once('message', resolve))
const report = () =>
  new Promise((resolve) => {
    receiver.once('message', resolve)
    receiver.send('report')
  })

const deps = buildDependencies(loadConfig(env))
await prepareStorage(deps)
const admin = await deps.users.getByUsername('admin')
for (let i = 0; i < webhookCount; i++) {
  await deps.webhooks.create(admin, {
    name: `bench ${i}`,
    url: `http://127.0.0.1:${port}/hook`,
    events: ['*'],
  })
}
deps.webhookDispatcher.start()

const rss = () => Math.round(process.memoryUsage().rss / 1024 / 1024)
const rssAt = { start: rss() }
let raised = 0
let raising = Promise.resolve()
const raiseOne = (n) =>
  deps.units.run(async () =>
    deps.events.raise({
      type: 'client.updated',
      actor: { id: admin.id, username: admin.username, fullName: null },
      subject: { type: 'client', id: n, name: `Client ${n}` },
      description: `Updated client "Client ${n}"`,
      data: { id: n, name: `Client ${n}`, sent_at_ms: performance.timeOrigin + performance.now() },
      audience: { ownerId: null, projectId: null, clientId: n },
    }),
  )
// Every 50 ms, raise what the schedule owes by now (each event in a unit of its own, as API calls do).
const startedAt = performance.now()
const ticker = setInterval(() => {
  const owed = Math.floor(((performance.now() - startedAt) / 60_000) * perMinute) - raised
  const numbers = Array.from({ length: Math.max(0, owed) }, () => ++raised)
  raising = raising.then(() => Promise.all(numbers.map(raiseOne)))
}, 50)
setTimeout(() => (rssAt.middle = rss()), (seconds * 1000) / 2)
await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
clearInterval(ticker)
await raising
const raisingSeconds = (performance.now() - startedAt) / 1000
rssAt.end = rss()

const expected = raised * webhookCount
const deadline = Date.now() + 30_000
let result = await report()
while (result.received < expected && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 200))
  result = await report()
}
await deps.webhookDispatcher.whenIdle()
const statuses = await deps.database.db
  .selectFrom('webhookDeliveries')
  .select(['status', (eb) => eb.fn.countAll().as('count')])
  .groupBy('status')
  .execute()

const lags = result.lags.sort((a, b) => a - b)
const percentile = (p) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? NaN
const p99 = percentile(99)
console.log(
  `webhooks: ${raised} events in ${raisingSeconds.toFixed(1)} s (${Math.round((raised / raisingSeconds) * 60)}/min) ` +
    `to ${webhookCount} webhook(s) on ${values.database ? 'PostgreSQL' : 'SQLite'}`,
)
console.log(
  `delivered ${result.received} of ${expected}; deliveries by status: ${statuses.map((s) => `${s.status} ${s.count}`).join(', ')}`,
)
console.log(
  `lag p50 ${percentile(50).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${(lags.at(-1) ?? NaN).toFixed(0)} ms`,
)
console.log(`RSS start ${rssAt.start} MiB, middle ${rssAt.middle} MiB, end ${rssAt.end} MiB`)
const passed = p99 < 2000 && result.received === expected
console.log(`${passed ? 'PASS' : 'FAIL'}: p99 lag < 2 s and every event delivered`)
process.exitCode = passed ? 0 : 1

receiver.send('stop')
await deps.close()
if (schema) {
  const client = new pg.Client({ connectionString: values.database })
  await client.connect()
  await client.query(`drop schema ${schema} cascade`)
  await client.end()
}
rmSync(dataDir, { recursive: true, force: true })
