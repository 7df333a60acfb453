import { parse } from 'csv-parse/sync'
import { AppError } from '../../errors.js'
import { parseDate, parseDatetime } from '../../lib/datetime-input.js'
import { cachedZonedToInstant } from '../../lib/zoned-time-cache.js'
import { trimmedOrNull } from './time-entry.rules.js'

// Reading the CSV of api-core.md §12.8 into typed row values; pure, no I/O.

/** The recognised columns and the header names that fill each, in order of preference. */
const COLUMN_NAMES = {
  projectId: ['project_id'],
  startTime: ['start_time', 'start'],
  endTime: ['end_time', 'end'],
  taskId: ['task_id'],
  notes: ['notes', 'description'],
  tags: ['tags'],
  billable: ['billable'],
} as const

export type ImportColumn = keyof typeof COLUMN_NAMES

/** For each recognised column, the positions of the header cells that name it. */
export type ImportColumns = Record<ImportColumn, number[]>

/** A data row with its number: 2 is the first non-blank line after the header. */
export interface CsvRow {
  rowNumber: number
  cells: string[]
}

export interface CsvTable {
  columns: ImportColumns
  rows: CsvRow[]
}

/** A cell that holds something that is not an integer. */
export const NOT_AN_INTEGER = Symbol('not an integer')

/** What one row says, each value parsed but not yet judged (api-core.md §12.8). */
export interface ImportRowValues {
  rowNumber: number
  /** null when empty. */
  projectId: number | null | typeof NOT_AN_INTEGER
  /** undefined when missing or not a datetime. */
  startTime: Date | undefined
  endTime: Date | undefined
  taskId: number | null | typeof NOT_AN_INTEGER
  notes: string | null
  tags: string | null
  billable: boolean
}

function badCsv(message: string): AppError {
  return new AppError('invalid', 'bad_request', message)
}

/** Header names match case-insensitively, trimmed, with spaces equal to underscores (`Project ID`). */
export function normalizeHeaderName(name: string): string {
  return name.trim().toLowerCase().replaceAll(' ', '_')
}

function columnsOf(header: string[]): ImportColumns {
  const names = header.map(normalizeHeaderName)
  const positions = (wanted: readonly string[]) =>
    wanted.flatMap((name) => names.flatMap((given, index) => (given === name ? [index] : [])))
  const entries = Object.entries(COLUMN_NAMES).map(([column, wanted]) => [column, positions(wanted)])
  return Object.fromEntries(entries) as ImportColumns
}

function parseRecords(text: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, relax_quotes: true })
  } catch (error) {
    throw badCsv(`Invalid CSV: ${(error as Error).message}`)
  }
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '')

/** The header's columns and the non-blank data rows; 400 for an empty text or a header without names. */
export function readCsvTable(text: string): CsvTable {
  if (text.trim() === '') throw badCsv('Empty CSV')
  const records = parseRecords(text)
  const header = records[0] ?? []
  if (isBlank(header)) throw badCsv('CSV must include a header row')
  const rows: CsvRow[] = []
  for (let index = 1; index < records.length; index += 1) {
    const cells = records[index] as string[]
    // A blank line is one empty cell; a line of only commas is a row (of empty cells).
    if (cells.length === 1 && isBlank(cells)) continue
    rows.push({ rowNumber: rows.length + 2, cells })
  }
  return { columns: columnsOf(header), rows }
}

/**
 * The first non-empty (trimmed) cell among the positions; '' when the row has the column
 * but every such cell is empty; undefined when the row is too short to have it at all.
 */
export function cellOf(cells: string[], positions: number[]): string | undefined {
  let present = false
  for (const position of positions) {
    const cell = cells[position]
    if (cell === undefined) continue
    const trimmed = cell.trim()
    if (trimmed !== '') return trimmed
    present = true
  }
  return present ? '' : undefined
}

function readInteger(cell: string | undefined): number | null | typeof NOT_AN_INTEGER {
  if (cell === undefined || cell === '') return null
  return /^[+-]?\d+$/.test(cell) ? Number.parseInt(cell, 10) : NOT_AN_INTEGER
}

/** A missing billable cell means true; a present one is true only for 1, true, yes and y. */
export function readBillable(cell: string | undefined): boolean {
  return cell === undefined || ['1', 'true', 'yes', 'y'].includes(cell.toLowerCase())
}

/**
 * Reads start and end cells: a datetime of api-core.md §1.2, or a date meaning 00:00 of it,
 * both in `timeZone` when naive. Offsets are cached per local date (see cachedZonedToInstant).
 */
export function importInstantReader(timeZone: string): (cell: string | undefined) => Date | undefined {
  const toInstant = cachedZonedToInstant(timeZone)
  return (cell) => {
    if (!cell) return undefined
    const instant = parseDatetime(cell, timeZone, toInstant)
    if (instant) return instant
    const date = parseDate(cell)
    return date && toInstant({ ...date, hour: 0, minute: 0, second: 0 })
  }
}

/** The row's values, read with `readInstant` for its start and end. */
export function readImportRow(
  row: CsvRow,
  columns: ImportColumns,
  readInstant: (cell: string | undefined) => Date | undefined,
): ImportRowValues {
  const cell = (column: ImportColumn) => cellOf(row.cells, columns[column])
  return {
    rowNumber: row.rowNumber,
    projectId: readInteger(cell('projectId')),
    startTime: readInstant(cell('startTime')),
    endTime: readInstant(cell('endTime')),
    taskId: readInteger(cell('taskId')),
    notes: trimmedOrNull(cell('notes')),
    tags: trimmedOrNull(cell('tags')),
    billable: readBillable(cell('billable')),
  }
}
