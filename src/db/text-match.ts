import { sql, type RawBuilder, type SqlBool } from 'kysely'

/** `text` as a LIKE pattern matching it anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
}

/**
 * Case-insensitive substring match of a column (a reference such as 't.tags') that reads
 * `%` and `_` in `text` literally. `lower()` on both sides keeps the two dialects alike:
 * SQLite's LIKE folds ASCII only, PostgreSQL's does not fold at all.
 */
export function containsIgnoringCase(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like lower(${containsPattern(text)}) escape '\\'`
}
