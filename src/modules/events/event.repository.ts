import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely'
import { insertRowsReturningIds } from '../../db/bulk-insert.js'
import type { Database, EventTable } from '../../db/tables.js'
import type { EventEnvelope, RecordedEvent, SubjectType } from './event.types.js'

/** An event to write: everything but its sequence number. */
export type NewEvent = Omit<RecordedEvent, 'sequence'> & { occurredAt: Date }

/** Any constant: the PostgreSQL advisory lock that orders event writers (see `lockOrder`). */
const EVENT_ORDER_LOCK = 7_410_001

const COLUMNS = [
  'event_id',
  'event_type',
  'occurred_at',
  'actor_id',
  'subject_type',
  'subject_id',
  'owner_id',
  'project_id',
  'client_id',
  'envelope',
]

function toRecorded(row: Selectable<EventTable>): RecordedEvent {
  return {
    sequence: Number(row.id),
    eventId: row.eventId,
    eventType: row.eventType,
    actorId: row.actorId,
    subjectType: row.subjectType as SubjectType,
    subjectId: row.subjectId,
    audience: { ownerId: row.ownerId, projectId: row.projectId, clientId: row.clientId },
    envelope: JSON.parse(row.envelope) as EventEnvelope,
  }
}

/** The event outbox table. */
export class EventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private get postgres(): boolean {
    return this.db.getExecutor().adapter instanceof PostgresAdapter
  }

  /**
   * Makes event ids follow commit order: on PostgreSQL a sequence value is taken at insert,
   * so two writers could commit out of id order and a reader past the higher id would miss
   * the lower one. Writers take this transaction lock just before inserting events (the last
   * step of a unit), so they commit one after another. SQLite has one writer anyway.
   */
  async lockOrder(): Promise<void> {
    if (this.postgres) await sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`.execute(this.db)
  }

  async insert(events: NewEvent[]): Promise<RecordedEvent[]> {
    const rows = events.map((event) => [
      event.eventId,
      event.eventType,
      event.occurredAt,
      event.actorId,
      event.subjectType,
      event.subjectId,
      event.audience.ownerId,
      event.audience.projectId,
      event.audience.clientId,
      JSON.stringify(event.envelope),
    ])
    const ids = await insertRowsReturningIds(this.db, 'events', COLUMNS, rows)
    return events.map(({ occurredAt: _, ...event }, index) => ({ ...event, sequence: ids[index] as number }))
  }

  /** Events after `sequence`, oldest first. */
  async listAfter(sequence: number, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', sequence)
      .orderBy('id')
      .limit(limit)
      .execute()
    return rows.map(toRecorded)
  }

  /** True when an event with this sequence number is still kept. */
  async exists(sequence: number): Promise<boolean> {
    const row = await this.db.selectFrom('events').select('id').where('id', '=', sequence).executeTakeFirst()
    return row !== undefined
  }

  /** The newest sequence number, 0 when there is none. */
  async latestSequence(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('latest'))
      .executeTakeFirst()
    return Number(row?.latest ?? 0)
  }

  /** Drops events that occurred before `cutoff`; returns how many. */
  async pruneBefore(cutoff: Date): Promise<number> {
    const result = await this.db.deleteFrom('events').where('occurredAt', '<', cutoff).executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
