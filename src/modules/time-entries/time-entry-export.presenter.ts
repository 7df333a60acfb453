import { stringify } from 'csv-stringify/sync'
import { formatUtc } from '../../lib/iso-dates.js'
import type { TimeEntryView } from './time-entry.types.js'

/**
 * Columns of `stint export csv`: the import's columns (api-core.md §12.8) plus the entry's id,
 * owner, names and duration, so an export can be imported again. Times are UTC (`…Z`), which
 * reads back as the same instant whatever the server's timezone.
 */
export const EXPORT_COLUMNS = [
  'id',
  'user',
  'project_id',
  'project',
  'task_id',
  'task',
  'start_time',
  'end_time',
  'duration_seconds',
  'notes',
  'tags',
  'billable',
]

function toExportRecord(entry: TimeEntryView): (string | number | null)[] {
  return [
    entry.id,
    entry.userName,
    entry.projectId,
    entry.projectName,
    entry.taskId,
    entry.taskName,
    formatUtc(entry.startTime),
    entry.endTime && formatUtc(entry.endTime),
    entry.durationSeconds,
    entry.notes,
    entry.tags,
    entry.billable ? 'true' : 'false',
  ]
}

/** CSV lines (CRLF-free, quoted where needed) for the entries, after the header row when asked. */
export function toExportCsv(entries: TimeEntryView[], options: { header: boolean }): string {
  const records = entries.map(toExportRecord)
  return stringify(options.header ? [EXPORT_COLUMNS, ...records] : records)
}
