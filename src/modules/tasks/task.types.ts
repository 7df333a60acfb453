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
