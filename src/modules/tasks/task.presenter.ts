import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readOptionalInteger } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { round2Hours } from '../time-entries/duration.rules.js'
import type { TaskPage, TaskView } from './task.service.js'
import { isTaskActive, priorityDisplay, progressPercentage, statusDisplay, tagList } from './task.rules.js'
import type { CreateTaskBody, TaskJson, TaskListJson, TaskListQuery, UpdateTaskBody } from './task.schemas.js'
import type { TaskFieldsInput, TaskListFilter } from './task.types.js'

/** The serialized task of api-core.md §11.1. */
export function toTaskJson(
  { task, totals, isOverdue }: TaskView,
  write: DatetimeWriter,
): Static<typeof TaskJson> {
  return {
    id: task.id,
    project_id: task.projectId,
    name: task.name,
    description: task.description,
    status: task.status,
    status_display: statusDisplay(task.status),
    priority: task.priority,
    priority_display: priorityDisplay(task.priority),
    priority_class: `priority-${task.priority}`,
    estimated_hours: task.estimatedHours,
    due_date: task.dueDate,
    assigned_to: task.assignedTo,
    assigned_user: task.assignedUsername,
    created_by: task.createdBy,
    creator: task.creatorUsername,
    created_at: write(task.createdAt),
    updated_at: write(task.updatedAt),
    started_at: optionalDatetime(write, task.startedAt),
    completed_at: optionalDatetime(write, task.completedAt),
    total_hours: round2Hours(totals.totalSeconds),
    total_billable_hours: round2Hours(totals.billableSeconds),
    progress_percentage: progressPercentage(totals.totalSeconds, task.estimatedHours),
    is_active: isTaskActive(task),
    is_overdue: isOverdue,
    tags: task.tags,
    tag_list: tagList(task.tags),
  }
}

export function toTaskListJson(
  page: TaskPage,
  request: PageRequest,
  write: DatetimeWriter,
): Static<typeof TaskListJson> {
  return {
    tasks: page.tasks.map((view) => toTaskJson(view, write)),
    pagination: toPaginationJson(request, page.total),
  }
}

/** `project_id` (ignored unless an integer), `status` (exact; ignored when empty) and `tags` (comma-separated, blanks dropped). */
export function fromTaskListQuery(query: Static<typeof TaskListQuery>): TaskListFilter {
  const projectId =
    query.project_id !== undefined && /^\s*[-+]?\d+\s*$/.test(query.project_id)
      ? Number(query.project_id)
      : undefined
  const tags = tagList(query.tags ?? null)
  return {
    ...(projectId !== undefined ? { projectId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  }
}

function readOptionalNumber(value: number | string | null | undefined): number | null | undefined {
  return typeof value === 'string' ? Number(value.trim()) : value
}

/** The update body as the task rules read it; absent keys stay undefined. */
export function fromUpdateTaskBody(body: Static<typeof UpdateTaskBody>): TaskFieldsInput {
  return {
    name: body.name,
    description: body.description,
    status: body.status,
    priority: body.priority,
    assigneeId: readOptionalInteger(body.assignee_id),
    dueDate: body.due_date,
    estimatedHours: readOptionalNumber(body.estimated_hours),
    tags: body.tags,
  }
}

export function fromCreateTaskBody(body: Static<typeof CreateTaskBody>): TaskFieldsInput {
  return { ...fromUpdateTaskBody(body), projectId: readOptionalInteger(body.project_id) }
}
