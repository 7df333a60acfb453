import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely'
import { toSqliteValue } from './sqlite-values.js'
import type { Database } from './tables.js'

/** Rows per INSERT: far below both dialects' parameter limits for a table of ~20 columns. */
export const INSERT_CHUNK_ROWS = 500

const statements = new Map<string, string>()

/** `insert into "t" ("a", "b") values (…), (…) returning "id"` for `rowCount` rows, built once per shape. */
function insertStatement(table: string, columns: string[], rowCount: number, postgres: boolean): string {
  const key = `${postgres ? 'pg' : 'sqlite'}:${table}:${columns.join(',')}:${rowCount}`
  let text = statements.get(key)
  if (!text) {
    let parameter = 0
    const tuple = () => `(${columns.map(() => (postgres ? `$${++parameter}` : '?')).join(', ')})`
    const tuples = Array.from({ length: rowCount }, tuple).join(', ')
    const names = columns.map((column) => `"${column}"`).join(', ')
    text = `insert into "${table}" (${names}) values ${tuples} returning "id"`
    statements.set(key, text)
  }
  return text
}

/**
 * Inserts `rows` (values in the order of the snake_case `columns`) in multi-row statements
 * of INSERT_CHUNK_ROWS and returns the new ids in row order. The statement text is cached and
 * the values bound as they are, skipping the query builder: building and transforming a
 * 10,000-value query per chunk costs more than the database does. Dates and booleans are
 * converted as SqliteValuesPlugin would. Run it inside a transaction for all-or-nothing.
 */
export async function insertRowsReturningIds(
  db: Kysely<Database>,
  table: string,
  columns: string[],
  rows: unknown[][],
  onChunk?: (inserted: number) => void,
): Promise<number[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  const ids: number[] = []
  for (let offset = 0; offset < rows.length; offset += INSERT_CHUNK_ROWS) {
    const chunk = rows.slice(offset, offset + INSERT_CHUNK_ROWS)
    const values = postgres ? chunk.flat() : chunk.flat().map(toSqliteValue)
    const text = insertStatement(table, columns, chunk.length, postgres)
    const result = await db.executeQuery<{ id: number }>(CompiledQuery.raw(text, values))
    // Ids of one statement are allocated in row order; the order RETURNING lists them is not promised.
    ids.push(...result.rows.map((row) => Number(row.id)).sort((a, b) => a - b))
    onChunk?.(ids.length)
  }
  return ids
}
