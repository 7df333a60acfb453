import { formatUtc } from '../../lib/iso-dates.js'
import { eventActor } from '../events/event-subject.rules.js'
import type { RaisedEvent } from '../events/event.types.js'
import type { User } from '../users/user.types.js'
import { toClientJson } from './client.presenter.js'
import type { ClientDetails } from './client.types.js'

const VERBS = { created: 'Created', updated: 'Updated', deleted: 'Deleted' } as const

/** `client.created` / `updated` / `deleted` (webhooks.md §4.2). */
export function clientEvent(
  action: keyof typeof VERBS,
  actor: User | null,
  details: ClientDetails,
): RaisedEvent {
  const { client } = details
  return {
    type: `client.${action}`,
    actor: eventActor(actor),
    subject: { type: 'client', id: client.id, name: client.name },
    description: `${VERBS[action]} client "${client.name}"`,
    data: toClientJson(details, formatUtc),
    audience: { ownerId: null, projectId: null, clientId: client.id },
  }
}
