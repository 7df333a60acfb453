// Tables and PASS/FAIL lines of the benchmark.

const number = (value, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '–'
const percent = (ratio) => `${number(ratio * 100)} %`
const size = (entries) => (entries >= 1_000_000 ? `${entries / 1_000_000}M` : `${entries / 1000}k`)

function row(cells, widths) {
  return cells
    .map((cell, index) => (index < 2 ? cell.padEnd(widths[index]) : cell.padStart(widths[index])))
    .join('  ')
}

/** One line per endpoint and data size: throughput, latency, server memory, failures. */
export function endpointTable(scenarios) {
  const widths = [6, 38, 9, 8, 8, 8, 8]
  const lines = [row(['data', 'endpoint', 'req/s', 'p50 ms', 'p99 ms', 'RSS MiB', 'non-2xx'], widths)]
  for (const scenario of scenarios) {
    const entries = [
      ...Object.entries(scenario.endpoints),
      ...Object.entries(scenario.bare).map(([name, figures]) => [`bare node:http, ${name} bytes`, figures]),
    ]
    for (const [name, figures] of entries) {
      lines.push(
        row(
          [
            size(scenario.entries),
            name,
            number(figures.requestsPerSecond),
            number(figures.p50, 1),
            number(figures.p99, 1),
            number(figures.rssMiB),
            number(figures.failures),
          ],
          widths,
        ),
      )
    }
  }
  return lines
}

function check(passed, text) {
  return { passed, line: `${passed ? 'PASS' : 'FAIL'}  ${text}` }
}

const LIST_ENDPOINTS = ['GET /time-entries (admin)', 'GET /time-entries (user)']
/** Endpoints whose work does not grow with the data: their p99 may not grow either. */
const FLAT_ENDPOINTS = [...LIST_ENDPOINTS, 'GET /projects (user)', 'POST /time-entries (user)']
const SUMMARY = 'GET /reports/summary (month, admin)'

function listChecks(scenario) {
  return LIST_ENDPOINTS.map((name) => {
    const ratio = scenario.endpoints[name].requestsPerSecond / scenario.bare[name].requestsPerSecond
    return check(
      ratio >= 0.5,
      `${size(scenario.entries)} ${name}: ${number(scenario.endpoints[name].requestsPerSecond)} req/s = ` +
        `${percent(ratio)} of bare node:http (${number(scenario.bare[name].requestsPerSecond)} req/s); target ≥ 50 %`,
    )
  })
}

function latencyChecks(small, large) {
  return FLAT_ENDPOINTS.map((name) => {
    const [before, after] = [small.endpoints[name].p99, large.endpoints[name].p99]
    return check(
      after <= 1.5 * before,
      `${name}: p99 ${number(after, 1)} ms at ${size(large.entries)} vs ${number(before, 1)} ms at ` +
        `${size(small.entries)} = ${number(after / before, 2)}×; target ≤ 1.5×`,
    )
  })
}

function summaryCheck(scenario) {
  const figures = scenario.endpoints[SUMMARY]
  const perRequestMs = 1000 / figures.requestsPerSecond
  return check(
    perRequestMs <= 1.5 * figures.rawAggregateMs,
    `${size(scenario.entries)} month summary: ${number(perRequestMs, 2)} ms of server time per request vs ` +
      `${number(figures.rawAggregateMs, 2)} ms for the raw SQL aggregate = ` +
      `${number(perRequestMs / figures.rawAggregateMs, 2)}×; target ≤ 1.5×`,
  )
}

function csvCheck(scenario) {
  const { csv } = scenario
  if (csv.error) return check(false, `${size(scenario.entries)} CSV import failed: ${csv.error}`)
  const ratio = csv.rawMilliseconds / csv.milliseconds
  return check(
    ratio >= 0.3 && csv.created === csv.rows,
    `${size(scenario.entries)} CSV import of ${number(csv.rows)} rows: ${number(csv.milliseconds / 1000, 1)} s in ` +
      `${csv.requests} request(s), ${number(csv.created)} created; raw batched insert ` +
      `${number(csv.rawMilliseconds / 1000, 1)} s = ${percent(ratio)} of raw speed; target ≥ 30 %`,
  )
}

/**
 * Every target the data allows to evaluate; p99 growth needs the smallest and the largest size.
 * The summary is held to its target on the largest data set only, where the aggregate is the
 * work; on a small one the fixed cost of any request (HTTP, authentication) dwarfs it (info line).
 */
export function targetChecks(scenarios) {
  const checks = scenarios.flatMap((scenario) => [
    ...listChecks(scenario),
    ...(scenario.csv ? [csvCheck(scenario)] : []),
  ])
  checks.push(summaryCheck(scenarios.at(-1)))
  if (scenarios.length >= 2) checks.push(...latencyChecks(scenarios[0], scenarios.at(-1)))
  return checks
}

/** Shown for information: the summary on the smaller data sets, and its p99 growing with a month's entries. */
export function summaryGrowth(scenarios) {
  const lines = scenarios.slice(0, -1).map((scenario) => `info  ${summaryCheck(scenario).line.slice(6)}`)
  if (scenarios.length < 2) return lines
  const [small, large] = [scenarios[0], scenarios.at(-1)]
  const [before, after] = [small.endpoints[SUMMARY].p99, large.endpoints[SUMMARY].p99]
  return [
    ...lines,
    `info  ${SUMMARY}: p99 ${number(after, 1)} ms at ${size(large.entries)} vs ${number(before, 1)} ms at ` +
      `${size(small.entries)} (the month holds ${number(large.entries / small.entries)}× the entries, by design)`,
  ]
}
