import { AppError } from '../../errors.js'
import type { Project } from '../projects/project.types.js'
import type { Task } from '../tasks/task.types.js'
import type { User } from '../users/user.types.js'
import { NOT_AN_INTEGER, type ImportRowValues } from './time-entry-import-csv.rules.js'
import {
  assertEndAfterStart,
  assertRequirements,
  completedDurationSeconds,
  insufficientPermissions,
  type EntryRequirements,
} from './time-entry.rules.js'
import type { NewTimeEntry } from './time-entry.types.js'

// Judging one CSV row as api-core.md §12.8 orders it; pure, every lookup is given.

/** How many failures the summary lists; `failed` counts them all. */
export const LISTED_ERRORS = 50

const OVERLAP =
  'This time overlaps with an existing entry. Please choose a different time range or edit the existing entry.'

/** A referenced project as the importing user sees it. */
export interface ImportedProject {
  project: Project
  isVisible: boolean
}

/** Everything judging a row needs besides the row: the importer and the prefetched references. */
export interface ImportRowContext {
  actor: User
  /** `create_time_entries` (own) is granted. */
  canCreate: boolean
  requirements: EntryRequirements
  /** undefined when the project does not exist. */
  project(id: number): ImportedProject | undefined
  task(id: number): Task | undefined
  /** True when `[start, end)` overlaps a completed entry of the user or an earlier row. */
  overlaps(start: Date, end: Date): boolean
}

/** A row's failure; its message is the `error` of the summary. */
export class ImportRowError extends Error {}

const fail = (message: string) => new ImportRowError(message)

/** Steps 1–3: project id, its visibility, then the times and the task id. */
function checkRowInput(row: ImportRowValues, context: ImportRowContext) {
  if (row.projectId === null) throw fail('project_id is required')
  if (row.projectId === NOT_AN_INTEGER) throw fail('invalid project_id')
  const found = context.project(row.projectId)
  // Admins see every project; a missing one fails in step 4 as for POST /time-entries.
  if (!context.actor.isAdmin && !found?.isVisible) throw fail('no access to project')
  if (!row.startTime || !row.endTime) throw fail('start_time and end_time required (ISO 8601)')
  if (row.taskId === NOT_AN_INTEGER) throw fail('invalid task_id')
  return {
    found,
    projectId: row.projectId,
    taskId: row.taskId,
    startTime: row.startTime,
    endTime: row.endTime,
  }
}

/**
 * The entry a row creates, or an ImportRowError / AppError with the row's message: the
 * checks of §12.8 steps 1–3, then those of POST /time-entries (§12.6 rules 3–7). Admins skip
 * the settings requirements and the overlap check.
 */
export function importRowEntry(row: ImportRowValues, context: ImportRowContext): NewTimeEntry {
  const { found, projectId, taskId, startTime, endTime } = checkRowInput(row, context)
  const { actor } = context
  if (!context.canCreate) throw insufficientPermissions()
  if (!found) throw new AppError('invalid', 'invalid_project', 'Invalid project')
  if (taskId !== null && context.task(taskId)?.projectId !== projectId) {
    throw new AppError('invalid', 'invalid_task', 'Invalid task for selected project')
  }
  if (!actor.isAdmin) assertRequirements(context.requirements, { projectId, taskId, notes: row.notes })
  assertEndAfterStart(startTime, endTime)
  if (!actor.isAdmin && context.overlaps(startTime, endTime)) {
    throw new AppError('invalid', 'overlapping_entry', OVERLAP)
  }
  return {
    userId: actor.id,
    projectId,
    clientId: null,
    taskId,
    startTime,
    endTime,
    durationSeconds: completedDurationSeconds(startTime, endTime, 0, actor),
    breakSeconds: 0,
    notes: row.notes,
    tags: row.tags,
    source: 'manual',
    billable: row.billable,
    paid: false,
    invoiceNumber: null,
    holdsSingleTimer: false,
  }
}

/** The row's failure message, or undefined when `error` is not a row failure (a bug, a lost database). */
export function rowFailureMessage(error: unknown): string | undefined {
  return error instanceof ImportRowError || error instanceof AppError ? error.message : undefined
}

/** Remembers accepted rows so that later rows of the same file are checked against them too. */
export interface OverlapGuard {
  overlaps(start: Date, end: Date): boolean
  add(start: Date, end: Date): void
}

/** One failed row of the summary. */
export interface ImportFailure {
  row: number
  error: string
}

/** The entries to create and the failures, in file order; only the first LISTED_ERRORS are listed. */
export interface JudgedRows {
  entries: NewTimeEntry[]
  failed: number
  errors: ImportFailure[]
}

/** Judges every row independently, in file order; accepted rows join `guard` as they pass. */
export function judgeRows(
  rows: ImportRowValues[],
  context: Omit<ImportRowContext, 'overlaps'>,
  guard: OverlapGuard,
): JudgedRows {
  const judged: JudgedRows = { entries: [], failed: 0, errors: [] }
  const rowContext: ImportRowContext = { ...context, overlaps: (start, end) => guard.overlaps(start, end) }
  for (const row of rows) {
    try {
      const entry = importRowEntry(row, rowContext)
      judged.entries.push(entry)
      guard.add(entry.startTime, entry.endTime as Date)
    } catch (error) {
      const message = rowFailureMessage(error)
      if (message === undefined) throw error
      judged.failed += 1
      if (judged.errors.length < LISTED_ERRORS) judged.errors.push({ row: row.rowNumber, error: message })
    }
  }
  return judged
}
