// The CSV import benchmark: rows for the administrator, in a year no seeded entry reaches.

const HALF_HOUR = 1800

/** `count` non-overlapping 20-minute entries from `firstStart` (Unix seconds), over the given projects. */
export function importRows(count, projectIds, firstStart) {
  return Array.from({ length: count }, (_, index) => {
    const start = firstStart + index * HALF_HOUR
    return {
      projectId: projectIds[index % projectIds.length],
      start,
      end: start + 1200,
      notes: `Imported entry ${index + 1}`,
      tags: index % 3 === 0 ? 'import, bench' : null,
      billable: index % 4 !== 0,
    }
  })
}

const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z')

/** The rows as the CSV of POST /api/v1/time-entries/import-csv. */
export function toCsv(rows) {
  const lines = rows.map((row) =>
    [
      row.projectId,
      iso(row.start),
      iso(row.end),
      row.notes,
      row.tags === null ? '' : `"${row.tags}"`,
      row.billable ? 'true' : 'false',
    ].join(','),
  )
  return ['project_id,start_time,end_time,notes,tags,billable', ...lines].join('\n') + '\n'
}

async function post(url, token, csv) {
  const response = await fetch(`${url}/api/v1/time-entries/import-csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  })
  return { status: response.status, body: await response.text() }
}

/**
 * Imports the rows through the HTTP route, in one request, or in requests of 10,000 rows when
 * the server refuses a body that large (413). Returns ms, requests and the created count.
 */
export async function importThroughApi(url, token, rows) {
  const started = performance.now()
  let parts = [rows]
  let whole = await post(url, token, toCsv(rows))
  if (whole.status === 413) {
    parts = []
    for (let offset = 0; offset < rows.length; offset += 10_000)
      parts.push(rows.slice(offset, offset + 10_000))
    whole = undefined
  }
  let created = 0
  for (const [index, part] of parts.entries()) {
    const answer = index === 0 && whole ? whole : await post(url, token, toCsv(part))
    if (answer.status !== 200)
      throw new Error(`import-csv answered ${answer.status}: ${answer.body.slice(0, 300)}`)
    created += JSON.parse(answer.body).created
  }
  return { milliseconds: performance.now() - started, requests: parts.length, created }
}
