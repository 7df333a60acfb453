import { AppError, type FieldErrors } from '../../errors.js'
import { localDate } from '../../lib/zoned-time.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { Clock } from '../../platform/clock.js'
import type { EventOutbox } from '../events/event-outbox.js'
import type { Project } from '../projects/project.types.js'
import { taskCreatedEvents, taskEvent, taskUpdateEvents } from './task.events.js'
import type { ProjectRepository } from '../projects/project.repository.js'
import type { SecondsTotal, TimeEntryTotalsRepository } from '../time-entries/time-entry-totals.repository.js'
import type { UserRepository } from '../users/user.repository.js'
import type { User } from '../users/user.types.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { TaskRepository } from './task.repository.js'
import { isOverdue, isStorableId, validateTaskFields } from './task.rules.js'
import type { Paging, Task, TaskChanges, TaskDetails, TaskFieldsInput, TaskListFilter } from './task.types.js'

/** A task as presented: its details, the seconds logged on it and whether it is overdue today. */
export interface TaskView {
  task: TaskDetails
  totals: SecondsTotal
  isOverdue: boolean
}

export interface TaskPage {
  tasks: TaskView[]
  total: number
}

const NO_SECONDS: SecondsTotal = { totalSeconds: 0, billableSeconds: 0 }

function insufficientPermissions(): AppError {
  return new AppError('forbidden', 'forbidden', 'Insufficient permissions')
}

/** Tasks of api-core.md §11, with the visibility and permission rules of §8 on every read and write. */
export class TaskService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectRepository,
    private readonly users: UserRepository,
    private readonly totals: TimeEntryTotalsRepository,
    private readonly clock: Clock,
    private readonly appTimezone: string,
    private readonly units: UnitOfWork,
    private readonly events: EventOutbox,
  ) {}

  /** One page of the tasks the user may see; totals for the whole page come from one query. */
  async list(user: User, filter: TaskListFilter, paging: Paging): Promise<TaskPage> {
    if (filter.projectId !== undefined && !isStorableId(filter.projectId)) return { tasks: [], total: 0 }
    const visibility = visibilityOf(user, 'tasks')
    const total = await this.tasks.countVisible(filter, visibility)
    const tasks = await this.tasks.listVisible(filter, visibility, paging)
    const totals = await this.totals.byTask(tasks.map((task) => task.id))
    return { tasks: tasks.map((task) => this.view(task, totals.get(task.id))), total }
  }

  /** A visible task; 404 when missing, 403 when hidden. */
  async get(user: User, id: number): Promise<TaskView> {
    await this.getVisible(user, id, 'Task not found')
    return this.present(id)
  }

  /** Creates a task in a visible project; `created_by` is the user. */
  async create(user: User, input: TaskFieldsInput): Promise<TaskView> {
    if (!canWrite(user, 'create', 'tasks', true)) throw insufficientPermissions()
    const { changes, errors } = validateTaskFields(input, true)
    await this.assertValid(errors, input.assigneeId)
    const projectId = input.projectId as number // validated as present above
    const project = await this.assertProjectUsable(user, projectId)
    return this.units.run(async () => {
      const task = await this.tasks.insert(
        { ...changes, projectId, name: changes.name as string, createdBy: user.id },
        this.clock.now(),
      )
      const view = await this.present(task.id)
      const assignee = await this.assigneeOf(view)
      for (const event of taskCreatedEvents(user, view, project.name, assignee)) this.events.raise(event)
      return view
    })
  }

  /** Changes the fields present in `input` (PUT and PATCH alike); the project never changes. */
  async update(user: User, id: number, input: TaskFieldsInput): Promise<TaskView> {
    const task = await this.getVisible(user, id, 'Task not found')
    if (!canWrite(user, 'edit', 'tasks', task.createdBy === user.id)) throw insufficientPermissions()
    const { changes, errors } = validateTaskFields({ ...input, projectId: undefined }, false)
    await this.assertValid(errors, input.assigneeId)
    return this.units.run(async () => {
      const before = await this.present(id)
      await this.tasks.update(id, changes satisfies TaskChanges, this.clock.now())
      const after = await this.present(id)
      const assignee = await this.assigneeOf(after)
      for (const event of taskUpdateEvents(user, before, after, assignee)) this.events.raise(event)
      return after
    })
  }

  /** Deletes a task for good; its time entries stay, without a task. */
  async delete(user: User, id: number): Promise<void> {
    const task = await this.getVisible(user, id, `Task with ID ${id} not found`)
    if (!canWrite(user, 'delete', 'tasks', task.createdBy === user.id)) throw insufficientPermissions()
    await this.units.run(async () => {
      const view = await this.present(id)
      await this.tasks.delete(id)
      this.events.raise(taskEvent('deleted', user, view, `Deleted task "${view.task.name}"`))
    })
  }

  private async assigneeOf(view: TaskView): Promise<User | undefined> {
    const id = view.task.assignedTo
    return id === null ? undefined : this.users.findById(id)
  }

  private async getVisible(user: User, id: number, notFoundMessage: string): Promise<Task> {
    const task = await this.tasks.findById(id)
    if (!task) throw new AppError('not_found', 'not_found', notFoundMessage)
    if (!(await this.tasks.isVisible(id, visibilityOf(user, 'tasks')))) {
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this task')
    }
    return task
  }

  /** Adds "User not found" for an unknown assignee, then throws when any field failed. */
  private async assertValid(errors: FieldErrors, assigneeId: number | null | undefined): Promise<void> {
    const isKnown = async (id: number) => isStorableId(id) && (await this.users.findById(id)) !== undefined
    if (assigneeId !== undefined && assigneeId !== null && !(await isKnown(assigneeId))) {
      errors.assignee_id = ['User not found']
    }
    if (Object.keys(errors).length > 0) throw AppError.validation(errors)
  }

  private async assertProjectUsable(user: User, projectId: number): Promise<Project> {
    const project = isStorableId(projectId) ? await this.projects.findById(projectId) : undefined
    if (!project) throw new AppError('invalid', 'invalid_project', 'Invalid project')
    if (!(await this.projects.isVisible(projectId, visibilityOf(user, 'projects')))) {
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this project')
    }
    return project
  }

  private async present(id: number): Promise<TaskView> {
    const task = (await this.tasks.findDetails(id)) as TaskDetails // callers checked that it exists
    const totals = await this.totals.byTask([id])
    return this.view(task, totals.get(id))
  }

  private view(task: TaskDetails, totals: SecondsTotal | undefined): TaskView {
    const today = localDate(this.clock.now(), this.appTimezone)
    return { task, totals: totals ?? NO_SECONDS, isOverdue: isOverdue(task, today) }
  }
}
