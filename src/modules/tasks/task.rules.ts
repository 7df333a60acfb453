import type { FieldErrors } from '../../errors.js'
import { formatDate, parseDate } from '../../lib/datetime-input.js'
import { round2Hours } from '../time-entries/duration.rules.js'
import {
  TASK_PRIORITIES,
  type Task,
  type TaskChanges,
  type TaskFieldsInput,
  type TaskPriority,
  type TaskStatus,
} from './task.types.js'

export const MAX_TASK_NAME_LENGTH = 200
export const INVALID_PRIORITY = `Invalid priority. Must be one of: ${TASK_PRIORITIES.join(', ')}`

const STATUS_DISPLAY: Record<TaskStatus, string> = {
  todo: 'To Do',
  in_progress: 'In Progress',
  review: 'Review',
  done: 'Done',
  on_hold: 'On Hold',
  cancelled: 'Cancelled',
}

const PRIORITY_DISPLAY: Record<TaskPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
}

/** Ids are serial integers: anything outside 1…2147483647 names no row (and must not reach PostgreSQL). */
export function isStorableId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= 2_147_483_647
}

export function statusDisplay(status: TaskStatus): string {
  return STATUS_DISPLAY[status] ?? status
}

export function priorityDisplay(priority: TaskPriority): string {
  return PRIORITY_DISPLAY[priority] ?? priority
}

/** A priority word (any case) or its number 1–4 (low…urgent); undefined for anything else. */
export function priorityFromInput(value: unknown): TaskPriority | undefined {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined
  const word = TASK_PRIORITIES.find((priority) => priority === text)
  if (word) return word
  const number =
    typeof value === 'number' ? value : text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN
  return Number.isInteger(number) ? TASK_PRIORITIES[number - 1] : undefined
}

/** Open work: every status but `done` and `cancelled`. */
export function isTaskActive(task: Pick<Task, 'status'>): boolean {
  return task.status !== 'done' && task.status !== 'cancelled'
}

/** Due before `today` (a local `YYYY-MM-DD` in the app timezone) and still open. */
export function isOverdue(task: Pick<Task, 'status' | 'dueDate'>, today: string): boolean {
  return task.dueDate !== null && task.dueDate < today && isTaskActive(task)
}

/** 0 without an estimate, 100 once the logged hours reach it, else the share to one decimal. */
export function progressPercentage(totalSeconds: number, estimatedHours: number | null): number {
  if (!estimatedHours) return 0
  const totalHours = round2Hours(totalSeconds)
  if (totalHours >= estimatedHours) return 100
  return Math.round((totalHours / estimatedHours) * 1000) / 10
}

/** `tags` split on commas, trimmed, empties dropped. */
export function tagList(tags: string | null): string[] {
  return (tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

/** Trimmed text; empty becomes null. */
export function blankToNull(text: string | null | undefined): string | null | undefined {
  if (text === undefined || text === null) return text
  const trimmed = text.trim()
  return trimmed === '' ? null : trimmed
}

function nameErrors(name: string | null | undefined, required: boolean): string[] {
  if (name === undefined && !required) return []
  const trimmed = name?.trim() ?? ''
  if (trimmed === '') return ['Task name is required']
  return trimmed.length > MAX_TASK_NAME_LENGTH ? [`Longer than maximum length ${MAX_TASK_NAME_LENGTH}.`] : []
}

/** `YYYY-MM-DD` with two-digit month and day (the schema accepts `2024-1-5`). */
function normalizedDueDate(text: string | null | undefined): string | null | undefined {
  if (text === undefined || text === null) return text
  const date = parseDate(text)
  return date ? formatDate(date) : text
}

function collectErrors(input: TaskFieldsInput, creating: boolean): FieldErrors {
  const errors: FieldErrors = {}
  const name = nameErrors(input.name, creating)
  if (name.length > 0) errors.name = name
  if (creating && (input.projectId === undefined || input.projectId === null))
    errors.project_id = ['project_id is required']
  if (input.priority !== undefined && priorityFromInput(input.priority) === undefined)
    errors.priority = [INVALID_PRIORITY]
  return errors
}

/**
 * The checks of api-core.md §11.4 that a schema cannot express, all at once, and the
 * normalized values to store. On create, absent fields take their defaults; on update,
 * absent fields stay undefined (unchanged).
 */
export function validateTaskFields(
  input: TaskFieldsInput,
  creating: boolean,
): { changes: TaskChanges; errors: FieldErrors } {
  const errors = collectErrors(input, creating)
  const changes: TaskChanges = {
    name: input.name?.trim(),
    description: blankToNull(input.description),
    status: input.status ?? (creating ? 'todo' : undefined),
    priority:
      input.priority === undefined ? (creating ? 'medium' : undefined) : priorityFromInput(input.priority),
    assignedTo: input.assigneeId,
    dueDate: normalizedDueDate(input.dueDate),
    estimatedHours: input.estimatedHours,
    tags: blankToNull(input.tags),
  }
  return { changes, errors }
}
