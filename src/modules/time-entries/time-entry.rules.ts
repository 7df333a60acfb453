import { AppError } from '../../errors.js'
import type { Project } from '../projects/project.types.js'
import type { User } from '../users/user.types.js'
import { rawDurationSeconds, roundDuration, type RoundingPreferences } from './duration.rules.js'
import type { TimeEntry } from './time-entry.types.js'

// Pure rules of api-core.md §12.3–§12.4 and §13, one named function each.

export const TIMER_ALREADY_RUNNING = 'You already have an active timer. Stop it before starting a new one.'

/** The persisted settings the requirement rules read (api-core.md §12.4). */
export interface EntryRequirements {
  timeEntryRequireTask: boolean
  timeEntryRequireDescription: boolean
  timeEntryDescriptionMinLength: number
}

/** 409 of api-core.md §13.2 step 3, also for running entries made by POST /time-entries. */
export function timerAlreadyRunning(): AppError {
  return new AppError('conflict', 'timer_already_running', TIMER_ALREADY_RUNNING)
}

export function accessDenied(): AppError {
  return new AppError('forbidden', 'forbidden', 'Access denied')
}

export function insufficientPermissions(): AppError {
  return new AppError('forbidden', 'forbidden', 'Insufficient permissions')
}

export function timeEntryNotFound(): AppError {
  return new AppError('not_found', 'not_found', 'Time entry not found')
}

/** The owner's rounding preferences (api-core.md §12.3 step 2). */
export function roundingOf(owner: User): RoundingPreferences {
  return {
    enabled: owner.timeRoundingEnabled,
    minutes: owner.timeRoundingMinutes,
    method: owner.timeRoundingMethod,
  }
}

/** Stored duration of a completed entry: worked seconds less breaks, rounded for the owner (§12.3). */
export function completedDurationSeconds(start: Date, end: Date, breakSeconds: number, owner: User): number {
  return roundDuration(rawDurationSeconds(start, end, breakSeconds), roundingOf(owner))
}

/** Live worked time of a running entry: `(paused_at or now) − start − breaks`, floored at 0 (§12.1). */
export function liveWorkedSeconds(
  entry: Pick<TimeEntry, 'startTime' | 'pausedAt' | 'breakSeconds'>,
  now: Date,
): number {
  return rawDurationSeconds(entry.startTime, entry.pausedAt ?? now, entry.breakSeconds)
}

/** `tags` split on commas, trimmed, empties dropped. */
export function tagList(tags: string | null): string[] {
  return (tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

/** Trimmed text, or null when empty (notes, tags and invoice numbers on create). */
export function trimmedOrNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** Negative breaks count as none. */
export function normalizedBreakSeconds(seconds: number): number {
  return Math.max(0, seconds)
}

/** `task_required`, `description_required`, `description_too_short` of api-core.md §12.4. */
export function assertRequirements(
  requirements: EntryRequirements,
  entry: { projectId: number | null; taskId: number | null; notes: string | null },
): void {
  if (requirements.timeEntryRequireTask && entry.projectId !== null && entry.taskId === null) {
    throw new AppError('invalid', 'task_required', 'A task must be selected when logging time for a project')
  }
  if (!requirements.timeEntryRequireDescription) return
  const length = (entry.notes ?? '').trim().length
  if (length === 0)
    throw new AppError('invalid', 'description_required', 'A description is required when logging time')
  const minimum = requirements.timeEntryDescriptionMinLength
  if (length < minimum) {
    throw new AppError(
      'invalid',
      'description_too_short',
      `Description must be at least ${minimum} characters`,
    )
  }
}

/** A timer (or running entry) needs an active project (api-core.md §13.2 steps 5–6). */
export function assertProjectCanRunTimer(project: Project): void {
  if (project.status === 'archived') {
    throw new AppError(
      'invalid',
      'project_archived',
      'Cannot start timer for an archived project. Please unarchive the project first.',
    )
  }
  if (project.status !== 'active') {
    throw new AppError('invalid', 'project_inactive', 'Cannot start timer for an inactive project')
  }
}

export function assertEndAfterStart(start: Date, end: Date): void {
  if (end.getTime() <= start.getTime()) {
    throw new AppError('invalid', 'invalid_time_range', 'End time must be after start time')
  }
}

/** `if_updated_at` more than 2 s away from the stored `updated_at` means a stale client copy (§12.7 step 3). */
export function isStaleCopy(updatedAt: Date, ifUpdatedAt: Date): boolean {
  return Math.abs(updatedAt.getTime() - ifUpdatedAt.getTime()) > 2000
}

export function modifiedOnServer(): AppError {
  return new AppError('conflict', 'conflict', 'Time entry was modified on the server. Refresh and try again.')
}
