export const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done', 'on_hold', 'cancelled'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const
export type TaskPriority = (typeof TASK_PRIORITIES)[number]

export interface Task {
  id: number
  projectId: number
  name: string
  description: string | null
  status: TaskStatus
  priority: TaskPriority
  estimatedHours: number | null
  /** Local date `YYYY-MM-DD`. */
  dueDate: string | null
  assignedTo: number | null
  createdBy: number | null
  tags: string | null
  createdAt: Date
  updatedAt: Date
  startedAt: Date | null
  completedAt: Date | null
}

/** A task with the usernames its serialization shows (api-core.md §11.1). */
export interface TaskDetails extends Task {
  assignedUsername: string | null
  creatorUsername: string | null
}

/** A page of a list: 1-based page number and its size. */
export interface Paging {
  page: number
  perPage: number
}

/** Filters of `GET /api/v1/tasks` (api-core.md §11.2); undefined = not filtered. */
export interface TaskListFilter {
  projectId?: number
  status?: string
  /** A task matches when its tags contain any of these, case-insensitively. */
  tags?: string[]
}

/** Body fields of a task create or update as received; undefined = absent. */
export interface TaskFieldsInput {
  name?: string | null
  projectId?: number | null
  description?: string | null
  status?: TaskStatus
  /** A priority word or its number 1–4; anything else is rejected by the rules. */
  priority?: unknown
  assigneeId?: number | null
  dueDate?: string | null
  estimatedHours?: number | null
  tags?: string | null
}

/** Validated, normalized values of a create or update; undefined = leave unchanged. */
export interface TaskChanges {
  name?: string
  description?: string | null
  status?: TaskStatus
  priority?: TaskPriority
  assignedTo?: number | null
  dueDate?: string | null
  estimatedHours?: number | null
  tags?: string | null
}
