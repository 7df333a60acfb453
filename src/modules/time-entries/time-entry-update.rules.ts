import type { User } from '../users/user.types.js'
import {
  assertEndAfterStart,
  completedDurationSeconds,
  normalizedBreakSeconds,
  trimmedOrNull,
} from './time-entry.rules.js'
import type { TimeEntry, TimeEntryChanges } from './time-entry.types.js'

/** A partial update; `undefined` = not given (a JSON null also means "leave unchanged", §12.7). */
export interface UpdateEntryInput {
  projectId?: number
  clientId?: number
  taskId?: number
  startTime?: Date
  endTime?: Date
  breakSeconds?: number
  notes?: string
  tags?: string
  billable?: boolean
  paid?: boolean
  invoiceNumber?: string
  /** The `updated_at` the client last saw. */
  ifUpdatedAt?: Date
}

/** Step 7 of api-core.md §12.7: new start, end and break, and the recomputed duration of a completed entry. */
export function timeChanges(entry: TimeEntry, input: UpdateEntryInput, owner: User): TimeEntryChanges {
  const changes: TimeEntryChanges = {}
  if (input.startTime) changes.startTime = input.startTime
  if (input.endTime) changes.endTime = input.endTime
  if (input.breakSeconds !== undefined) changes.breakSeconds = normalizedBreakSeconds(input.breakSeconds)
  const endTime = changes.endTime ?? entry.endTime
  if (endTime === null || Object.keys(changes).length === 0) return changes
  const startTime = changes.startTime ?? entry.startTime
  assertEndAfterStart(startTime, endTime)
  changes.durationSeconds = completedDurationSeconds(
    startTime,
    endTime,
    changes.breakSeconds ?? entry.breakSeconds,
    owner,
  )
  return changes
}

/** Step 8: notes and tags as given (`""` empties them), flags, and the invoice number. */
export function textChanges(input: UpdateEntryInput): TimeEntryChanges {
  const changes: TimeEntryChanges = {}
  if (input.notes !== undefined) changes.notes = input.notes
  if (input.tags !== undefined) changes.tags = input.tags
  if (input.billable !== undefined) changes.billable = input.billable
  if (input.paid !== undefined) {
    changes.paid = input.paid
    // An unpaid entry has no invoice to point at.
    if (!input.paid) changes.invoiceNumber = null
  }
  if (input.invoiceNumber !== undefined) changes.invoiceNumber = trimmedOrNull(input.invoiceNumber)
  return changes
}
