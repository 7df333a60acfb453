import { randomUUID } from 'node:crypto'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import { formatUtc } from '../../lib/iso-dates.js'
import type { Clock } from '../../platform/clock.js'
import type { EventRepository, NewEvent } from './event.repository.js'
import type { EventEnvelope, RaisedEvent, RecordedEvent } from './event.types.js'

/** Runs inside the transaction with the events just written (webhook deliveries). */
export type TransactionalSubscriber = (events: RecordedEvent[]) => Promise<void>
/** Runs after commit; must not throw (hand work to a queue). */
export type CommitListener = (events: RecordedEvent[]) => void

/** The webhook envelope of webhooks.md §4.1 for an event committed at `at`. */
export function toEnvelope(event: RaisedEvent, at: Date): EventEnvelope {
  const actor = event.actor
  const fullName = actor?.fullName?.trim()
  return {
    event_type: event.type,
    timestamp: formatUtc(at),
    user: {
      id: actor?.id ?? null,
      username: actor?.username ?? null,
      display_name: actor ? fullName || actor.username : null,
    },
    entity: event.subject,
    action: event.type.slice(event.type.indexOf('.') + 1),
    description: event.description,
    data: event.data,
  }
}

/**
 * The transactional outbox every service raises its events through (webhooks.md §3.2, §6.4).
 *
 * `raise` must be called inside `UnitOfWork.run`: the unit's events are written just before
 * it commits, in the order raised, together with what the transactional subscribers write
 * (pending webhook deliveries). A unit that rolls back writes and announces nothing; a
 * process that dies after the commit loses nothing, since the rows are there. Once
 * committed, the commit listeners hear of them (dispatcher wake-up, live stream).
 */
export class EventOutbox {
  private readonly subscribers: TransactionalSubscriber[] = []
  private readonly listeners = new Set<CommitListener>()

  constructor(
    private readonly units: UnitOfWork,
    private readonly events: EventRepository,
    private readonly clock: Clock,
    private readonly warn: (message: string, error: unknown) => void,
  ) {}

  /** Composition time only: `subscriber` joins every unit that raised events. */
  addTransactionalSubscriber(subscriber: TransactionalSubscriber): void {
    this.subscribers.push(subscriber)
  }

  /** Adds a listener of committed events; the returned function removes it. */
  onCommitted(listener: CommitListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Queues `event` in the current unit of work; written when the unit commits. */
  raise(event: RaisedEvent): void {
    const { value: pending, created } = this.units.local(this, (): RaisedEvent[] => [])
    pending.push(event)
    if (created) this.units.beforeCommit(() => this.write(pending))
  }

  private async write(pending: RaisedEvent[]): Promise<void> {
    if (pending.length === 0) return
    const at = this.clock.now()
    const rows: NewEvent[] = pending.map((event) => ({
      eventId: randomUUID(),
      eventType: event.type,
      actorId: event.actor?.id ?? null,
      subjectType: event.subject.type,
      subjectId: event.subject.id,
      audience: event.audience,
      envelope: toEnvelope(event, at),
      occurredAt: at,
    }))
    await this.events.lockOrder()
    const recorded = await this.events.insert(rows)
    for (const subscriber of this.subscribers) await subscriber(recorded)
    this.units.afterCommit(() => this.announce(recorded))
  }

  private announce(recorded: RecordedEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(recorded)
      } catch (error) {
        this.warn('an event listener failed', error)
      }
    }
  }
}
