import { AppError } from '../../errors.js'
import type { User } from '../users/user.types.js'
import type { TimeEntryReferences } from './time-entry-references.service.js'
import { textChanges, timeChanges, type UpdateEntryInput } from './time-entry-update.rules.js'
import type { TimeEntryRepository } from './time-entry.repository.js'
import {
  assertRequirements,
  isStaleCopy,
  modifiedOnServer,
  type EntryRequirements,
} from './time-entry.rules.js'
import type { TimeEntryChanges, TimeEntryView } from './time-entry.types.js'

export type { UpdateEntryInput }

/** What deciding an update needs besides the entry and the input. */
export interface UpdateContext {
  references: TimeEntryReferences
  entries: TimeEntryRepository
  actor: User
  /** The entry's owner, whose rounding preferences apply. */
  owner: User
  requirements: EntryRequirements
}

/** Step 5–6 of api-core.md §12.7: project, client and task, each checked against the caller. */
async function referenceChanges(
  entry: TimeEntryView,
  input: UpdateEntryInput,
  context: UpdateContext,
): Promise<TimeEntryChanges> {
  const changes: TimeEntryChanges = {}
  if (input.projectId !== undefined) {
    await context.references.projectForEntry(context.actor, input.projectId)
    Object.assign(changes, { projectId: input.projectId, clientId: null })
  }
  if (input.clientId !== undefined) {
    await context.references.clientForEntry(context.actor, input.clientId)
    Object.assign(changes, { clientId: input.clientId, projectId: null, taskId: null })
  }
  if (input.taskId !== undefined) {
    const projectId = changes.projectId !== undefined ? changes.projectId : entry.projectId
    if (projectId === null) {
      throw new AppError(
        'invalid',
        'task_requires_project',
        'Task can only be assigned to project-based time entries',
      )
    }
    await context.references.taskOfProject(input.taskId, projectId, 'Invalid task for selected project')
    changes.taskId = input.taskId
  }
  return changes
}

/**
 * The changes an update makes, after every check of api-core.md §12.7 in its order; throws
 * the first failure, so nothing is written unless all pass.
 */
export async function planUpdate(
  entry: TimeEntryView,
  input: UpdateEntryInput,
  context: UpdateContext,
): Promise<TimeEntryChanges> {
  if (input.ifUpdatedAt && isStaleCopy(entry.updatedAt, input.ifUpdatedAt)) throw modifiedOnServer()
  if (entry.endTime === null && input.endTime !== undefined) {
    throw new AppError(
      'invalid',
      'timer_active',
      'Cannot set end_time on active timer. Stop the timer first.',
    )
  }
  const changes: TimeEntryChanges = {
    ...(await referenceChanges(entry, input, context)),
    ...timeChanges(entry, input, context.owner),
    ...textChanges(input),
  }
  const result = { ...entry, ...changes }
  assertRequirements(context.requirements, result)
  const timesGiven = input.startTime !== undefined || input.endTime !== undefined
  if (
    result.endTime &&
    timesGiven &&
    (await context.entries.hasOverlap(entry.userId, result.startTime, result.endTime, entry.id))
  ) {
    throw new AppError(
      'invalid',
      'overlapping_entry',
      'This time overlaps with an existing entry. Please choose a different time range.',
    )
  }
  return changes
}
