import type { ClientRepository } from '../clients/client.repository.js'
import type { ProjectRepository } from '../projects/project.repository.js'
import type { TaskRepository } from '../tasks/task.repository.js'
import { hasScope } from '../tokens/token.rules.js'
import type { User } from '../users/user.types.js'
import { visibilityOf } from '../users/visibility.rules.js'
import type { RecordedEvent, SubjectType } from './event.types.js'

/** The read scope a token needs to receive events about each kind of subject (webhooks.md §12). */
const READ_SCOPE: Record<SubjectType, string> = {
  time_entry: 'read:time_entries',
  approval: 'read:time_entries',
  project: 'read:projects',
  task: 'read:tasks',
  client: 'read:clients',
  user: 'read:users',
  inventory: 'read:projects',
  deal: 'read:projects',
  lead: 'read:projects',
  contact: 'read:projects',
}

/** True when a credential with `scopes` (null: a browser session, unscoped) may hear of `subject`. */
export function scopeAllows(scopes: string[] | null, subject: SubjectType): boolean {
  return scopes === null || hasScope(scopes, READ_SCOPE[subject])
}

/** Whether a user may read an event's subject now (api-core.md §8), for the live stream. */
export class EventVisibility {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly tasks: TaskRepository,
    private readonly clients: ClientRepository,
  ) {}

  async maySee(user: User, event: RecordedEvent): Promise<boolean> {
    const { ownerId, projectId } = event.audience
    switch (event.subjectType) {
      case 'time_entry':
      case 'approval':
        return ownerId === user.id || visibilityOf(user, 'time_entries').scope === 'all'
      case 'project':
        return this.projectVisible(user, event.subjectId)
      case 'task':
        return this.taskVisible(user, event.subjectId, projectId)
      case 'client':
        return this.clientVisible(user, event.subjectId)
      case 'user':
        return user.isAdmin || ownerId === user.id
      case 'inventory':
      case 'deal':
      case 'lead':
      case 'contact':
        return user.isAdmin || ownerId === null || ownerId === user.id
    }
  }

  private async projectVisible(user: User, projectId: number): Promise<boolean> {
    const visibility = visibilityOf(user, 'projects')
    return visibility.scope === 'all' || this.projects.isVisible(projectId, visibility)
  }

  /** A deleted task is judged by its project. */
  private async taskVisible(user: User, taskId: number, projectId: number | null): Promise<boolean> {
    const visibility = visibilityOf(user, 'tasks')
    if (visibility.scope === 'all' || (await this.tasks.isVisible(taskId, visibility))) return true
    return projectId !== null && (await this.tasks.findById(taskId)) === undefined
      ? this.projectVisible(user, projectId)
      : false
  }

  private async clientVisible(user: User, clientId: number): Promise<boolean> {
    const visibility = visibilityOf(user, 'clients')
    if (visibility.scope === 'all') return true
    return (await this.clients.findForViewer(clientId, visibility))?.isVisible ?? false
  }
}
