import { describe, expect, it } from 'vitest'
import {
  cellOf,
  importInstantReader,
  normalizeHeaderName,
  readBillable,
  readCsvTable,
  readImportRow,
  NOT_AN_INTEGER,
} from './time-entry-import-csv.rules.js'

describe('reading an import CSV', () => {
  it('normalizes header names: trimmed, lower-cased, spaces as underscores', () => {
    const names = [' Project ID ', 'START_time', 'End Time', 'notes']

    const normalized = names.map(normalizeHeaderName)

    expect(normalized).toEqual(['project_id', 'start_time', 'end_time', 'notes'])
  })

  it('maps each column to every header cell naming it, preferred names first', () => {
    const table = readCsvTable('start,Start Time,project_id,description,notes\n')

    const columns = table.columns

    expect(columns).toEqual({
      projectId: [2],
      startTime: [1, 0],
      endTime: [],
      taskId: [],
      notes: [4, 3],
      tags: [],
      billable: [],
    })
  })

  it('takes the first non-empty cell, "" when all are empty, undefined when the row is too short', () => {
    const cells = ['', ' b ', 'c']

    const values = [cellOf(cells, [0, 1]), cellOf(cells, [0]), cellOf(cells, [5]), cellOf(cells, [])]

    expect(values).toEqual(['b', '', undefined, undefined])
  })

  it('reads billable as true only when missing or 1, true, yes or y in any case', () => {
    const cells = [undefined, '', '1', 'TRUE', 'Yes', 'y', 'no', 'on', 'false', '2']

    const flags = cells.map(readBillable)

    expect(flags).toEqual([true, false, true, true, true, true, false, false, false, false])
  })

  it('reads integers with a sign, and marks anything else', () => {
    const table = readCsvTable('project_id,task_id,start_time,end_time\n+7,-1,2025-01-01,x\n7.0,1e3,,\n')
    const read = importInstantReader('UTC')

    const rows = table.rows.map((row) => readImportRow(row, table.columns, read))

    expect(rows.map((row) => [row.projectId, row.taskId, row.startTime?.toISOString(), row.endTime])).toEqual(
      [
        [7, -1, '2025-01-01T00:00:00.000Z', undefined],
        [NOT_AN_INTEGER, NOT_AN_INTEGER, undefined, undefined],
      ],
    )
  })

  it('reads datetimes with the rules of the API and bare dates as midnight in the zone', () => {
    const read = importInstantReader('America/New_York')

    const instants = [
      '2025-07-01',
      '2025-7-1 9:30',
      '2025-07-01T09:30:00.999Z',
      '2025-07-01T24:00',
      '1720000000',
    ].map((cell) => read(cell)?.toISOString())

    expect(instants).toEqual([
      '2025-07-01T04:00:00.000Z',
      '2025-07-01T13:30:00.000Z',
      '2025-07-01T09:30:00.000Z',
      undefined,
      undefined,
    ])
  })
})
