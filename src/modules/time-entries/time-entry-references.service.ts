import { AppError } from '../../errors.js'
import type { ClientRepository } from '../clients/client.repository.js'
import type { Client } from '../clients/client.types.js'
import type { ProjectRepository } from '../projects/project.repository.js'
import type { Project } from '../projects/project.types.js'
import type { TaskRepository } from '../tasks/task.repository.js'
import type { Task } from '../tasks/task.types.js'
import type { User } from '../users/user.types.js'
import { visibilityOf } from '../users/visibility.rules.js'

const NO_PROJECT_ACCESS = 'You do not have access to this project'

/**
 * The project, client and task an entry points at, checked for existence and for the
 * caller's visibility (api-core.md §8: missing → 400/404 first, hidden → 403).
 */
export class TimeEntryReferences {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly clients: ClientRepository,
    private readonly tasks: TaskRepository,
  ) {}

  /** The project of a manual entry: `invalid_project` when missing, 403 when hidden. */
  async projectForEntry(user: User, projectId: number): Promise<Project> {
    const project = await this.projects.findById(projectId)
    if (!project) throw new AppError('invalid', 'invalid_project', 'Invalid project')
    const visibility = visibilityOf(user, 'projects')
    if (visibility.scope !== 'all' && !(await this.projects.isVisible(projectId, visibility))) {
      throw new AppError('forbidden', 'forbidden', NO_PROJECT_ACCESS)
    }
    return project
  }

  /** Timer start step 2: hidden → 403, a missing id included unless the user sees everything (§13.2). */
  async assertProjectVisibleForTimer(user: User, projectId: number): Promise<void> {
    const visibility = visibilityOf(user, 'projects')
    if (visibility.scope === 'all') return
    if (!(await this.projects.isVisible(projectId, visibility)))
      throw new AppError('forbidden', 'forbidden', NO_PROJECT_ACCESS)
  }

  /** Timer start step 4: the project, or `invalid_project`. */
  async projectForTimer(projectId: number): Promise<Project> {
    const project = await this.projects.findById(projectId)
    if (!project) throw new AppError('invalid', 'invalid_project', 'Invalid project selected')
    return project
  }

  /** The client of a client entry: `invalid_client` when missing, 403 when hidden. */
  async clientForEntry(user: User, clientId: number): Promise<Client> {
    const client = await this.clients.findById(clientId)
    if (!client) throw new AppError('invalid', 'invalid_client', 'Invalid client')
    const visibility = visibilityOf(user, 'clients')
    if (visibility.scope !== 'all' && !(await this.clients.isVisible(clientId, visibility))) {
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this client')
    }
    return client
  }

  /** The task when it exists and belongs to the project; `invalid_task` with `message` otherwise. */
  async taskOfProject(taskId: number, projectId: number, message: string): Promise<Task> {
    const task = await this.tasks.findById(taskId)
    if (!task || task.projectId !== projectId) throw new AppError('invalid', 'invalid_task', message)
    return task
  }
}
