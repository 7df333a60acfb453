// `npm run bench`: builds, then for each data size seeds a temporary SQLite database, starts the
// real server (node dist/main.js) and loads the hot endpoints with autocannon; compares them with
// a bare node:http server and raw SQL on the same data, and prints PASS/FAIL per target.
//
//   node bench/run.js [--sizes 10000,1000000] [--seconds 10] [--connections 50]
//                     [--csv-rows 100000] [--users 100] [--projects 200] [--no-build] [--keep] [--json FILE]
//                     [--no-webhooks]
//
// Then, unless --no-webhooks, the webhook delivery benchmark (bench/webhooks.js, 60 s at
// 10,000 events per minute), with its output passed through.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { ROOT, run } from './processes.js'
import { endpointTable, summaryGrowth, targetChecks } from './report.js'
import { runScenario } from './scenario.js'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,1000000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'csv-rows': { type: 'string', default: '100000' },
    users: { type: 'string', default: '100' },
    projects: { type: 'string', default: '200' },
    'no-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
    'no-webhooks': { type: 'boolean', default: false },
  },
})

const options = {
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  csvRows: Number(values['csv-rows']),
  users: Number(values.users),
  projects: Number(values.projects),
  keep: values.keep,
}
const sizes = values.sizes.split(',').map(Number)

if (!values['no-build']) {
  console.error('building …')
  await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { PWD: ROOT })
}

const loadBefore = loadavg()[0]
const scenarios = []
for (const entries of sizes) scenarios.push(await runScenario(entries, options))
const loadAfter = loadavg()[0]

console.log(
  `Stint benchmark: node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ` +
    `SQLite, ${options.connections} connections, ${options.seconds} s per endpoint, ` +
    `${options.users} users, ${options.projects} projects; load average ${loadBefore.toFixed(1)} before, ` +
    `${loadAfter.toFixed(1)} after (other processes on the machine skew every figure)`,
)
for (const scenario of scenarios) {
  console.log(
    `seeded ${scenario.entries.toLocaleString('en-US')} entries in ${scenario.seedSeconds.toFixed(1)} s; ` +
      `summary month ${scenario.month.startDate} – ${scenario.month.endDate}` +
      (options.keep ? `; kept in ${scenario.dir}` : ''),
  )
}
console.log('')
for (const line of endpointTable(scenarios)) console.log(line)
console.log('')
const checks = targetChecks(scenarios)
for (const { line } of checks) console.log(line)
for (const line of summaryGrowth(scenarios)) console.log(line)
if (values.json) writeFileSync(values.json, JSON.stringify({ options, scenarios }, null, 2))
let webhooksPassed = true
if (!values['no-webhooks']) {
  console.log('')
  console.error('webhook deliveries: 60 s at 10,000 events per minute …')
  const webhooks = spawnSync(process.execPath, ['bench/webhooks.js', '--no-build'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  webhooksPassed = webhooks.status === 0
}
process.exitCode = checks.every((c) => c.passed) && webhooksPassed ? 0 : 1
