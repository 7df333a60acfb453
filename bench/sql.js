// Raw SQL on the benchmark's SQLite file (better-sqlite3, no Stint code): the baselines.
import Database from 'better-sqlite3'

/** The month summary's numbers in one aggregate: per project, all and billable seconds and entries. */
export const RAW_MONTH_AGGREGATE = `
select project_id, count(*) as entries, sum(duration_seconds) as total_seconds,
       sum(case when billable = 1 then duration_seconds else 0 end) as billable_seconds
from time_entries
where end_time is not null and start_time >= ? and start_time <= ?
group by project_id`

/** Milliseconds per run of the raw month aggregate, timed in a loop for about `seconds`. */
export function timeRawAggregate(file, startSeconds, endSeconds, seconds = 3) {
  const db = new Database(file, { readonly: true })
  try {
    const statement = db.prepare(RAW_MONTH_AGGREGATE)
    statement.all(startSeconds, endSeconds)
    let runs = 0
    const started = performance.now()
    while (performance.now() - started < seconds * 1000) {
      statement.all(startSeconds, endSeconds)
      runs += 1
    }
    return (performance.now() - started) / runs
  } finally {
    db.close()
  }
}

/** The query plans of `queries` ({name: [sql, ...params]}), as EXPLAIN QUERY PLAN prints them. */
export function sqlitePlans(file, queries) {
  const db = new Database(file, { readonly: true })
  try {
    return Object.fromEntries(
      Object.entries(queries).map(([name, [text, ...params]]) => [
        name,
        db
          .prepare(`explain query plan ${text}`)
          .all(...params)
          .map((row) => row.detail),
      ]),
    )
  } finally {
    db.close()
  }
}

const COLUMNS = [
  'user_id',
  'project_id',
  'start_time',
  'end_time',
  'duration_seconds',
  'notes',
  'tags',
  'billable',
  'paid',
  'source',
  'created_at',
  'updated_at',
]

/**
 * Inserts the rows ({userId, projectId, start, end, notes, tags, billable}; instants in Unix
 * seconds) with prepared multi-row INSERTs of `batch` rows in one transaction; returns ms.
 */
export function rawBatchedInsert(file, rows, now, batch = 1000) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  const placeholders = (count) =>
    Array.from({ length: count }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')
  const insert = (count) =>
    db.prepare(`insert into time_entries (${COLUMNS.join(', ')}) values ${placeholders(count)}`)
  const full = insert(batch)
  const values = (row) => [
    row.userId,
    row.projectId,
    row.start,
    row.end,
    row.end - row.start,
    row.notes,
    row.tags,
    row.billable ? 1 : 0,
    0,
    'manual',
    now,
    now,
  ]
  const started = performance.now()
  db.transaction(() => {
    for (let offset = 0; offset < rows.length; offset += batch) {
      const chunk = rows.slice(offset, offset + batch)
      const statement = chunk.length === batch ? full : insert(chunk.length)
      statement.run(chunk.flatMap(values))
    }
  })()
  const elapsed = performance.now() - started
  db.close()
  return elapsed
}
