// HTTP load with autocannon: a short warm-up, then the measured run.
import autocannon from 'autocannon'
import { rssMiB } from './processes.js'

function fire(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
    autocannon.track(instance, {
      renderProgressBar: false,
      renderResultsTable: false,
      renderLatencyTable: false,
    })
  })
}

/** Waits until the server answers /api/v1/health quickly again (requests of a finished run drained). */
export async function settle(server) {
  const deadline = Date.now() + 60_000
  let quick = 0
  while (quick < 3 && Date.now() < deadline) {
    const started = performance.now()
    await fetch(`${server.url}/api/v1/health`).then((response) => response.arrayBuffer())
    quick = performance.now() - started < 20 ? quick + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Measures one endpoint: `request` is an autocannon request ({method, path, headers, body,
 * setupRequest}). Returns req/s, p50/p99 latency in ms, the server's RSS and failure counts.
 */
export async function measure(server, request, { connections, seconds, warmupSeconds = 2 }) {
  const base = { url: server.url, connections, requests: [request] }
  await fire({ ...base, duration: warmupSeconds })
  await settle(server)
  const result = await fire({ ...base, duration: seconds })
  const rss = rssMiB(server.pid)
  await settle(server)
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMiB: rss,
    failures: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  }
}

/** One request, for checking an endpoint and capturing its body before loading it. */
export async function fetchOk(url, init = {}) {
  const response = await fetch(url, init)
  const body = await response.text()
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${body}`)
  return body
}
