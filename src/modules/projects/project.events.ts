import { formatUtc } from '../../lib/iso-dates.js'
import { eventActor, representationChanged } from '../events/event-subject.rules.js'
import type { RaisedEvent } from '../events/event.types.js'
import type { User } from '../users/user.types.js'
import { toProjectJson } from './project.presenter.js'
import type { ProjectDetails } from './project.types.js'

type ProjectAction = 'created' | 'updated' | 'archived' | 'unarchived' | 'deleted'

function describe(action: ProjectAction, details: ProjectDetails): string {
  const { project, clientName } = details
  switch (action) {
    case 'created':
      return `Created project "${project.name}"${clientName ? ` for ${clientName}` : ''}`
    case 'archived':
      return `Archived project "${project.name}"${project.archivedReason ? `: ${project.archivedReason}` : ''}`
    case 'updated':
      return `Updated project "${project.name}"`
    case 'unarchived':
      return `Unarchived project "${project.name}"`
    case 'deleted':
      return `Deleted project "${project.name}"`
  }
}

/** One `project.*` event (webhooks.md §4.2). */
export function projectEvent(
  action: ProjectAction,
  actor: User | null,
  details: ProjectDetails,
): RaisedEvent {
  const { project } = details
  return {
    type: `project.${action}`,
    actor: eventActor(actor),
    subject: { type: 'project', id: project.id, name: project.name },
    description: describe(action, details),
    data: toProjectJson(details, formatUtc),
    audience: { ownerId: null, projectId: project.id, clientId: project.clientId },
  }
}

/**
 * The events of a project update (webhooks.md §3.2): `project.updated` when a field changed,
 * then `project.archived` when it became archived or `project.unarchived` when it left archived.
 */
export function projectUpdateEvents(
  actor: User,
  before: ProjectDetails,
  after: ProjectDetails,
): RaisedEvent[] {
  if (!representationChanged(toProjectJson(before, formatUtc), toProjectJson(after, formatUtc))) return []
  const events = [projectEvent('updated', actor, after)]
  const [was, is] = [before.project.status, after.project.status]
  if (is === 'archived' && was !== 'archived') events.push(projectEvent('archived', actor, after))
  if (was === 'archived' && is !== 'archived') events.push(projectEvent('unarchived', actor, after))
  return events
}
