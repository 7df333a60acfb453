import { formatUtc } from '../../lib/iso-dates.js'
import { eventActor } from '../events/event-subject.rules.js'
import type { RaisedEvent } from '../events/event.types.js'
import type { Settings } from '../settings/settings.repository.js'
import { toUserJson } from './user.presenter.js'
import type { User } from './user.types.js'

const DESCRIPTIONS = {
  created: (user: User) => `Created user "${user.username}"`,
  updated: () => 'Updated user settings',
  deleted: (user: User) => `Deleted user "${user.username}"`,
} as const

/** What `data` needs besides the user (the representation of `GET /api/v1/users/me`'s user). */
export interface UserEventContext {
  now: Date
  settings: Settings
  appTimezone: string
  workedSeconds: Map<number, number>
}

/** `user.created` / `updated` / `deleted` (webhooks.md §4.2); never hashes or tokens. */
export function userEvent(
  action: keyof typeof DESCRIPTIONS,
  actor: User | null,
  user: User,
  context: UserEventContext,
): RaisedEvent {
  return {
    type: `user.${action}`,
    actor: eventActor(actor),
    subject: { type: 'user', id: user.id, name: user.username },
    description: DESCRIPTIONS[action](user),
    data: toUserJson(user, { ...context, write: formatUtc }),
    audience: { ownerId: user.id, projectId: null, clientId: null },
  }
}
