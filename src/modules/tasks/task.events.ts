import { formatUtc } from '../../lib/iso-dates.js'
import { eventActor, representationChanged } from '../events/event-subject.rules.js'
import type { RaisedEvent } from '../events/event.types.js'
import type { User } from '../users/user.types.js'
import { toTaskJson } from './task.presenter.js'
import type { TaskView } from './task.service.js'

type TaskAction = 'created' | 'updated' | 'deleted' | 'completed' | 'assigned' | 'status_changed'

/** How a user is named in descriptions: full name when not blank, else username. */
export function displayName(user: Pick<User, 'username' | 'fullName'>): string {
  return user.fullName?.trim() || user.username
}

/** One `task.*` event (webhooks.md §4.2). */
export function taskEvent(
  action: TaskAction,
  actor: User | null,
  view: TaskView,
  description: string,
  extra: Record<string, unknown> = {},
): RaisedEvent {
  const { task } = view
  return {
    type: `task.${action}`,
    actor: eventActor(actor),
    subject: { type: 'task', id: task.id, name: task.name },
    description,
    data: { ...toTaskJson(view, formatUtc), ...extra },
    audience: { ownerId: null, projectId: task.projectId, clientId: null },
  }
}

/** `task.created`, then `task.assigned` when created with an assignee (webhooks.md §3.2). */
export function taskCreatedEvents(
  actor: User,
  view: TaskView,
  projectName: string,
  assignee: User | undefined,
): RaisedEvent[] {
  const name = view.task.name
  const events = [taskEvent('created', actor, view, `Created task "${name}" in project "${projectName}"`)]
  if (assignee)
    events.push(
      taskEvent('assigned', actor, view, `Assigned task "${name}" to ${displayName(assignee)}`, {
        previous_assignee_id: null,
      }),
    )
  return events
}

/** `task.updated`, then `status_changed`, `completed` and `assigned` as they apply (webhooks.md §3.2). */
export function taskUpdateEvents(
  actor: User,
  before: TaskView,
  after: TaskView,
  assignee: User | undefined,
): RaisedEvent[] {
  if (!representationChanged(toTaskJson(before, formatUtc), toTaskJson(after, formatUtc))) return []
  const name = after.task.name
  const events = [taskEvent('updated', actor, after, `Updated task "${name}"`)]
  const [was, is] = [before.task.status, after.task.status]
  if (was !== is) {
    events.push(
      taskEvent('status_changed', actor, after, `Changed task "${name}" status from ${was} to ${is}`, {
        previous_status: was,
      }),
    )
    if (is === 'done') events.push(taskEvent('completed', actor, after, `Completed task "${name}"`))
  }
  const previousAssignee = before.task.assignedTo
  if (assignee && after.task.assignedTo !== previousAssignee)
    events.push(
      taskEvent('assigned', actor, after, `Assigned task "${name}" to ${displayName(assignee)}`, {
        previous_assignee_id: previousAssignee,
      }),
    )
  return events
}
