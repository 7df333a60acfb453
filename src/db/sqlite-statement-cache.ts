import type { Database as BetterSqliteDatabase, Statement } from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** Texts up to this length are common queries; longer ones are mostly multi-row inserts. */
const SHORT_SQL_LENGTH = 8_000
/** Texts longer than this are prepared each time. */
const MAX_CACHED_SQL_LENGTH = 200_000
/** Prepared statements kept per kind; the least recently used one is dropped beyond this. */
const SHORT_CAPACITY = 500
const LONG_CAPACITY = 8

function statementFor(prepared: Statement, prepareAgain: () => Statement): SqliteStatement {
  return {
    reader: prepared.reader,
    // better-sqlite3 binds an array argument as the list of parameters, as Kysely passes them.
    all: (parameters) => prepared.all(parameters),
    run: (parameters) => prepared.run(parameters),
    // A stream keeps its statement busy until it ends: give it one of its own.
    iterate: (parameters) => prepareAgain().iterate(parameters),
  }
}

/** A map that forgets its least recently used entry beyond `capacity` (Map keeps insertion order). */
class RecentlyUsed<T> {
  private readonly entries = new Map<string, T>()

  constructor(private readonly capacity: number) {}

  get(key: string, create: () => T): T {
    let value = this.entries.get(key)
    if (value === undefined) {
      value = create()
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string)
    } else this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }
}

/**
 * The connection as Kysely's SQLite dialect sees it, with prepared statements reused by SQL
 * text. Kysely prepares every query anew, which costs as much as running a short one;
 * better-sqlite3 runs synchronously and Kysely serializes queries on the connection, so one
 * statement object is never in use twice at a time.
 */
export function withStatementCache(connection: BetterSqliteDatabase): SqliteDatabase {
  const short = new RecentlyUsed<SqliteStatement>(SHORT_CAPACITY)
  const long = new RecentlyUsed<SqliteStatement>(LONG_CAPACITY)
  return {
    close: () => connection.close(),
    prepare(sql) {
      const prepare = () => connection.prepare(sql)
      const create = () => statementFor(prepare(), prepare)
      if (sql.length <= SHORT_SQL_LENGTH) return short.get(sql, create)
      return sql.length <= MAX_CACHED_SQL_LENGTH ? long.get(sql, create) : create()
    },
  }
}
