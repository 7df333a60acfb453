import { sql, type Kysely } from 'kysely'
import { isPostgres } from './column-types.js'

// Totals of time entries kept up to date by the database itself, so list counts and project,
// task and user totals read one row instead of scanning entries (bench/README.md), plus the
// indexes the hot queries need. Triggers keep the totals exact whatever writes the entries:
// the API, the CLI, bulk actions, foreign-key actions or a hand-written UPDATE.

/** One table per grouping; `running_entries` only where a list count needs it. */
const STATS = [
  { table: 'time_entry_user_stats', key: 'user_id', running: true },
  { table: 'time_entry_project_stats', key: 'project_id', running: false },
  { table: 'time_entry_task_stats', key: 'task_id', running: false },
] as const

type Stats = (typeof STATS)[number]

type Column = 'completed_entries' | 'running_entries' | 'completed_seconds' | 'billable_seconds'

/** A row's share of each total, as SQL over `row` (NEW/OLD in SQLite, a transition table in PostgreSQL). */
function share(row: string): Record<Column, string> {
  const completed = `${row}.end_time is not null`
  return {
    completed_entries: `(case when ${completed} then 1 else 0 end)`,
    running_entries: `(case when ${completed} then 0 else 1 end)`,
    completed_seconds: `(case when ${completed} then coalesce(${row}.duration_seconds, 0) else 0 end)`,
    billable_seconds: `(case when ${completed} and ${row}.billable then coalesce(${row}.duration_seconds, 0) else 0 end)`,
  }
}

function columns(stats: Stats): Column[] {
  const counts: Column[] = stats.running ? ['completed_entries', 'running_entries'] : ['completed_entries']
  return [...counts, 'completed_seconds', 'billable_seconds']
}

/** `completed_entries = <table>.completed_entries + excluded.completed_entries, …` */
function accumulate(stats: Stats): string {
  return columns(stats)
    .map((column) => `${column} = ${stats.table}.${column} + excluded.${column}`)
    .join(', ')
}

async function createTables(db: Kysely<any>): Promise<void> {
  for (const stats of STATS) {
    let table = db.schema
      .createTable(stats.table)
      .addColumn(stats.key, 'integer', (c) => c.primaryKey())
      .addColumn('completed_entries', 'bigint', (c) => c.notNull().defaultTo(0))
    if (stats.running) table = table.addColumn('running_entries', 'bigint', (c) => c.notNull().defaultTo(0))
    await table
      .addColumn('completed_seconds', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('billable_seconds', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute()
  }
}

async function backfill(db: Kysely<any>): Promise<void> {
  const shares = share('e')
  for (const stats of STATS) {
    const sums = columns(stats).map((column) => `sum(${shares[column]})`)
    await sql
      .raw(
        `insert into ${stats.table} (${stats.key}, ${columns(stats).join(', ')}) ` +
          `select e.${stats.key}, ${sums.join(', ')} from time_entries e ` +
          `where e.${stats.key} is not null group by e.${stats.key}`,
      )
      .execute(db)
  }
}

/** SQLite: row triggers; each row's share is subtracted (OLD) and added (NEW) with an upsert. */
function sqliteUpserts(row: 'new' | 'old', sign: '' | '-'): string {
  const shares = share(row)
  return STATS.map((stats) => {
    const values = columns(stats).map((column) => `${sign}${shares[column]}`)
    return (
      `insert into ${stats.table} (${stats.key}, ${columns(stats).join(', ')}) ` +
      `select ${row}.${stats.key}, ${values.join(', ')} where ${row}.${stats.key} is not null ` +
      `on conflict (${stats.key}) do update set ${accumulate(stats)};`
    )
  }).join('\n')
}

const TRACKED_COLUMNS = 'user_id, project_id, task_id, end_time, duration_seconds, billable'

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  const triggers = [
    `create trigger time_entry_stats_insert after insert on time_entries begin\n${sqliteUpserts('new', '')}\nend`,
    `create trigger time_entry_stats_delete after delete on time_entries begin\n${sqliteUpserts('old', '-')}\nend`,
    `create trigger time_entry_stats_update after update of ${TRACKED_COLUMNS} on time_entries begin\n` +
      `${sqliteUpserts('old', '-')}\n${sqliteUpserts('new', '')}\nend`,
  ]
  for (const trigger of triggers) await sql.raw(trigger).execute(db)
}

/**
 * PostgreSQL: statement triggers over transition tables. Each statement's changes are summed
 * per key and applied in key order, so a multi-row statement takes each totals row once and
 * concurrent statements lock them in the same order (no deadlock between them).
 */
function postgresUpserts(sources: Array<{ rows: string; sign: number }>): string {
  const changes = sources
    .map(({ rows, sign }) => {
      const shares = Object.entries(share('r')).map(([column, part]) => `${sign} * ${part} as ${column}`)
      return `select r.user_id, r.project_id, r.task_id, ${shares.join(', ')} from ${rows} r`
    })
    .join(' union all ')
  return STATS.map((stats) => {
    const sums = columns(stats).map((column) => `sum(${column})`)
    return (
      `with changes as (${changes}) ` +
      `insert into ${stats.table} (${stats.key}, ${columns(stats).join(', ')}) ` +
      `select ${stats.key}, ${sums.join(', ')} from changes where ${stats.key} is not null ` +
      `group by ${stats.key} having ${sums.map((sum) => `${sum} <> 0`).join(' or ')} ` +
      `order by ${stats.key} on conflict (${stats.key}) do update set ${accumulate(stats)};`
    )
  }).join('\n')
}

const POSTGRES_TRIGGERS = [
  { event: 'insert', referencing: 'new table as new_rows', sources: [{ rows: 'new_rows', sign: 1 }] },
  { event: 'delete', referencing: 'old table as old_rows', sources: [{ rows: 'old_rows', sign: -1 }] },
  {
    event: 'update',
    referencing: 'old table as old_rows new table as new_rows',
    sources: [
      { rows: 'old_rows', sign: -1 },
      { rows: 'new_rows', sign: 1 },
    ],
  },
]

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  for (const { event, referencing, sources } of POSTGRES_TRIGGERS) {
    const name = `time_entry_stats_${event}`
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin\n` +
          `${postgresUpserts(sources)}\nreturn null; end $$`,
      )
      .execute(db)
    await sql
      .raw(
        `create trigger ${name} after ${event} on time_entries referencing ${referencing} ` +
          `for each statement execute function ${name}()`,
      )
      .execute(db)
  }
}

type IndexDefinition = [name: string, columns: string[]]

/**
 * The two ordered entry indexes are widened rather than joined by more: keeping `(…, start_time,
 * id)` in front still serves the lists' ORDER BY start_time DESC, id DESC, and the columns after
 * it let the report aggregates read the index alone instead of visiting every row of the range.
 */
const WIDENED: Array<{ from: IndexDefinition; to: IndexDefinition }> = [
  {
    from: ['time_entries_start_idx', ['start_time', 'id']],
    to: [
      'time_entries_start_cover_idx',
      ['start_time', 'id', 'end_time', 'project_id', 'billable', 'duration_seconds'],
    ],
  },
  {
    from: ['time_entries_user_start_idx', ['user_id', 'start_time']],
    to: [
      'time_entries_user_start_cover_idx',
      ['user_id', 'start_time', 'id', 'end_time', 'project_id', 'billable', 'duration_seconds'],
    ],
  },
]

/**
 * Overlap checks (start < new end AND end > new start, one user): new entries are mostly recent,
 * and few entries end after a recent start; the start is read from the index too.
 */
const ADDED: IndexDefinition[] = [['time_entries_user_end_start_idx', ['user_id', 'end_time', 'start_time']]]

async function createIndex(db: Kysely<any>, [name, indexColumns]: IndexDefinition): Promise<void> {
  await db.schema.createIndex(name).on('time_entries').columns(indexColumns).execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  await createTables(db)
  await backfill(db)
  if (isPostgres(db)) await createPostgresTriggers(db)
  else await createSqliteTriggers(db)
  for (const { from, to } of WIDENED) {
    await createIndex(db, to)
    await db.schema.dropIndex(from[0]).execute()
  }
  for (const index of ADDED) await createIndex(db, index)
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of ADDED) await db.schema.dropIndex(name).execute()
  for (const { from, to } of WIDENED) {
    await createIndex(db, from)
    await db.schema.dropIndex(to[0]).execute()
  }
  for (const event of ['insert', 'delete', 'update']) {
    await sql
      .raw(`drop trigger time_entry_stats_${event}${isPostgres(db) ? ' on time_entries' : ''}`)
      .execute(db)
    if (isPostgres(db)) await sql.raw(`drop function time_entry_stats_${event}()`).execute(db)
  }
  for (const stats of STATS) await db.schema.dropTable(stats.table).execute()
}
