import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database, TaskTable } from '../../db/tables.js'
import { readInstant, readOptionalInstant } from '../../db/values.js'
import { taskVisible } from '../../db/visibility-filters.js'
import type { Visibility } from '../users/visibility.rules.js'
import type { Task, TaskPriority, TaskStatus } from './task.types.js'

export function toTask(row: Selectable<TaskTable>): Task {
  return {
    ...row,
    status: row.status as TaskStatus,
    priority: row.priority as TaskPriority,
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
    startedAt: readOptionalInstant(row.startedAt),
    completedAt: readOptionalInstant(row.completedAt),
  }
}

export type NewTask = Omit<Insertable<TaskTable>, 'id' | 'createdAt' | 'updatedAt'>

export class TaskRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(task: NewTask, now: Date): Promise<Task> {
    const row = await this.db
      .insertInto('tasks')
      .values({ ...task, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toTask(row)
  }

  async findById(id: number): Promise<Task | undefined> {
    const row = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toTask(row)
  }

  /** True when the task exists and `visibility` shows it. */
  async isVisible(id: number, visibility: Visibility): Promise<boolean> {
    const row = await this.db
      .selectFrom('tasks as t')
      .select('t.id')
      .where('t.id', '=', id)
      .where(taskVisible(visibility, { projectId: 't.projectId', assignedTo: 't.assignedTo', createdBy: 't.createdBy' }))
      .executeTakeFirst()
    return row !== undefined
  }
}
