import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely'

/**
 * Sees only the connection's current schema. Kysely's own PostgreSQL introspector reads
 * every schema of the database, so its migrator fails when another schema (another
 * installation, a parallel test run) is created or dropped at the same moment.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const result = await sql<{ name: string }>`select current_schema() as name`.execute(this.db)
    return result.rows
  }

  async getTables(): Promise<TableMetadata[]> {
    const result = await sql<{ name: string; schema: string }>`
      select tablename as name, schemaname as schema from pg_catalog.pg_tables where schemaname = current_schema()`.execute(
      this.db,
    )
    return result.rows.map((row) => ({ ...row, isView: false, columns: [] }))
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() }
  }
}

/** PostgreSQL, introspecting the current schema only. */
export class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db)
  }
}
