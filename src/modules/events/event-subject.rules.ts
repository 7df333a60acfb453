import type { User } from '../users/user.types.js'
import type { RaisedEvent } from './event.types.js'

/** The acting user of an event (webhooks.md §4.1); null for the CLI, bootstrap and scheduler. */
export function eventActor(user: User | null): RaisedEvent['actor'] {
  return user ? { id: user.id, username: user.username, fullName: user.fullName } : null
}

/** True when two representations of one subject differ in anything but `updated_at`. */
export function representationChanged(before: object, after: object): boolean {
  const strip = ({ updated_at: _, ...rest }: Record<string, unknown>) => JSON.stringify(rest)
  return strip(before as Record<string, unknown>) !== strip(after as Record<string, unknown>)
}

/** `HH:MM:SS` with at least two hour digits (webhooks.md §4.2). */
export function formatEventDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds))
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`
}
