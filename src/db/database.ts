import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import {
  CamelCasePlugin,
  Kysely,
  Migrator,
  PostgresAdapter,
  SqliteDialect,
  sql,
  type MigrationResultSet,
} from 'kysely'
import { CurrentSchemaPostgresDialect } from './current-schema-dialect.js'
import pg from 'pg'
import { migrations } from './migrations/index.js'
import { SqliteValuesPlugin } from './sqlite-values.js'
import { withStatementCache } from './sqlite-statement-cache.js'
import type { Database } from './tables.js'

export type Dialect = 'sqlite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: Dialect
}

export interface DatabaseOptions {
  /** PostgreSQL schema to work in (tests give each run its own). */
  schema?: string
  /** Connections in the PostgreSQL pool. */
  poolSize?: number
}

// count(*) and bigint sums arrive as strings otherwise; our values stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))

function sqliteFile(url: string): string {
  const file = url.slice('sqlite:'.length)
  if (file === ':memory:') return file
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  return file
}

function openSqlite(url: string): Kysely<Database> {
  const connection = new SqliteDatabase(sqliteFile(url))
  connection.pragma('journal_mode = WAL')
  connection.pragma('synchronous = NORMAL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('busy_timeout = 5000')
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(connection) }),
    plugins: [new SqliteValuesPlugin(), new CamelCasePlugin()],
  })
}

function openPostgres(url: string, options: DatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  return new Kysely<Database>({
    dialect: new CurrentSchemaPostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  })
}

/** Opens the database named by a `sqlite:` or `postgres://` URL. */
export function createDatabase(url: string, options: DatabaseOptions = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) return { db: openSqlite(url), dialect: 'sqlite' }
  return { db: openPostgres(url, options), dialect: 'postgres' }
}

async function currentPostgresSchema(db: Kysely<Database>): Promise<{ migrationTableSchema?: string }> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return {}
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return { migrationTableSchema: result.rows[0]?.schema ?? 'public' }
}

/** Applies every pending migration; throws on the first failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Kysely looks for its bookkeeping tables in every schema unless told which one; name the
    // schema in use (see also current-schema-dialect.ts).
    ...(await currentPostgresSchema(db)),
  })
  const result = await migrator.migrateToLatest()
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error(`migration failed: ${JSON.stringify(result.error)}`)
  return result
}
