import {
  PostgresAdapter,
  sql,
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
} from 'kysely'

// Frozen like the migrations that use it: change nothing here, add a new helper instead.

/** True on PostgreSQL; migrations differ only in column types. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An instant: timestamptz on PostgreSQL, Unix seconds on SQLite. */
export function instantType(db: Kysely<any>) {
  return isPostgres(db) ? sql`timestamptz` : sql`integer`
}

/** A boolean: boolean on PostgreSQL, 0/1 integer on SQLite. */
export function flagType(db: Kysely<any>) {
  return isPostgres(db) ? sql`boolean` : sql`integer`
}

/** A flag's default, spelled so both dialects accept it. */
export function flagDefault(db: Kysely<any>, value: boolean) {
  return isPostgres(db) ? sql.lit(value) : sql.lit(value ? 1 : 0)
}

/** An auto-incrementing integer primary key named id. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c: ColumnDefinitionBuilder) => c.primaryKey())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())
}
