import type { EventOutbox } from '../events/event-outbox.js'
import { eventActor, formatEventDuration } from '../events/event-subject.rules.js'
import type { RaisedEvent } from '../events/event.types.js'
import { formatUtc } from '../../lib/iso-dates.js'
import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import { toTimeEntryJson } from './time-entry.presenter.js'
import type { TimeEntryView } from './time-entry.types.js'

export type TimeEntryEventKind =
  | 'time_entry.created'
  | 'time_entry.updated'
  | 'time_entry.deleted'
  | 'time_entry.started'
  | 'time_entry.stopped'

/** The subject label L of webhooks.md §4.2: project, else client, else `fallback`; then ` - task`. */
export function entryLabel(entry: TimeEntryView, fallback = 'Unknown'): string {
  const base = entry.projectName ?? entry.clientName ?? fallback
  return entry.taskName ? `${base} - ${entry.taskName}` : base
}

function describe(kind: TimeEntryEventKind, entry: TimeEntryView): string {
  const duration = formatEventDuration(entry.durationSeconds ?? 0)
  switch (kind) {
    case 'time_entry.created':
      return `Created time entry for ${entryLabel(entry)} - ${duration}`
    case 'time_entry.updated':
      return `Updated time entry for ${entryLabel(entry)}`
    case 'time_entry.deleted':
      return `Deleted time entry for ${entryLabel(entry)} - ${duration}`
    case 'time_entry.started':
      return `Started timer for ${entryLabel(entry)}`
    case 'time_entry.stopped':
      return `Stopped timer for ${entryLabel(entry, 'No project')} - Duration: ${duration}`
  }
}

/**
 * Raises the `time_entry.*` events of webhooks.md §3.2 through the outbox, for
 * TimeEntryService, TimerService, CSV import and bulk actions. Call inside a unit of work.
 */
export class TimeEntryEvents {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
  ) {}

  raise(kind: TimeEntryEventKind, entry: TimeEntryView, actor: User | null): void {
    this.outbox.raise(this.toEvent(kind, entry, actor))
  }

  private toEvent(kind: TimeEntryEventKind, entry: TimeEntryView, actor: User | null): RaisedEvent {
    const stopped = kind === 'time_entry.stopped'
    return {
      type: kind,
      actor: eventActor(actor),
      subject: {
        type: 'time_entry',
        id: entry.id,
        name: entryLabel(entry, stopped ? 'No project' : 'Unknown'),
      },
      description: describe(kind, entry),
      data: toTimeEntryJson(entry, { write: formatUtc, now: this.clock.now() }),
      audience: { ownerId: entry.userId, projectId: entry.projectId, clientId: entry.clientId },
    }
  }
}
