import { sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import type { Database, TaskTable } from '../../db/tables.js'
import { containsIgnoringCase } from '../../db/text-match.js'
import { readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import { taskVisible } from '../../db/visibility-filters.js'
import type { Visibility } from '../users/visibility.rules.js'
import type {
  Paging,
  Task,
  TaskChanges,
  TaskDetails,
  TaskListFilter,
  TaskPriority,
  TaskStatus,
} from './task.types.js'

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

type TaskDetailsRow = Selectable<TaskTable> & {
  assignedUsername: string | null
  creatorUsername: string | null
}

function toTaskDetails(row: TaskDetailsRow): TaskDetails {
  const { assignedUsername, creatorUsername, ...task } = row
  return { ...toTask(task), assignedUsername, creatorUsername }
}

export type NewTask = Omit<Insertable<TaskTable>, 'id' | 'createdAt' | 'updatedAt'>

const TASK_COLUMNS = { projectId: 't.projectId', assignedTo: 't.assignedTo', createdBy: 't.createdBy' }

/** urgent > high > medium > low, as a number the list can sort on (api-core.md §11.2). */
const PRIORITY_RANK = sql<number>`case ${sql.ref('t.priority')} when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`

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
      .where(taskVisible(visibility, TASK_COLUMNS))
      .executeTakeFirst()
    return row !== undefined
  }

  /** The task with the usernames of its assignee and creator. */
  async findDetails(id: number): Promise<TaskDetails | undefined> {
    const row = await this.selectDetails().where('t.id', '=', id).executeTakeFirst()
    return row && toTaskDetails(row)
  }

  async countVisible(filter: TaskListFilter, visibility: Visibility): Promise<number> {
    const row = await this.filtered(filter, visibility)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return readNumber(row.count)
  }

  /** One page of the visible tasks matching `filter`, in the order of api-core.md §11.2. */
  async listVisible(filter: TaskListFilter, visibility: Visibility, paging: Paging): Promise<TaskDetails[]> {
    const rows = await this.withUsernames(this.filtered(filter, visibility))
      .orderBy(PRIORITY_RANK, 'desc')
      .orderBy('t.dueDate', (order) => order.asc().nullsLast())
      .orderBy('t.createdAt', 'asc')
      .orderBy('t.id', 'asc')
      .limit(paging.perPage)
      .offset((paging.page - 1) * paging.perPage)
      .execute()
    return rows.map(toTaskDetails)
  }

  /** Writes the defined fields of `changes`; undefined ones stay as they are. */
  async update(id: number, changes: TaskChanges, now: Date): Promise<void> {
    await this.db
      .updateTable('tasks')
      .set({ ...changes, updatedAt: now })
      .where('id', '=', id)
      .execute()
  }

  /** Deletes the task; its time entries keep existing with `task_id` null (foreign key `on delete set null`). */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('tasks').where('id', '=', id).execute()
  }

  private filtered(filter: TaskListFilter, visibility: Visibility) {
    let query = this.db.selectFrom('tasks as t').where(taskVisible(visibility, TASK_COLUMNS))
    if (filter.projectId !== undefined) query = query.where('t.projectId', '=', filter.projectId)
    if (filter.status !== undefined) query = query.where('t.status', '=', filter.status)
    const tags = filter.tags ?? []
    if (tags.length > 0)
      query = query.where((eb) => eb.or(tags.map((tag) => containsIgnoringCase('t.tags', tag))))
    return query
  }

  private selectDetails() {
    return this.withUsernames(this.db.selectFrom('tasks as t'))
  }

  private withUsernames(query: ReturnType<TaskRepository['filtered']>) {
    return query
      .leftJoin('users as assignee', 'assignee.id', 't.assignedTo')
      .leftJoin('users as creator', 'creator.id', 't.createdBy')
      .selectAll('t')
      .select(['assignee.username as assignedUsername', 'creator.username as creatorUsername'])
  }
}
