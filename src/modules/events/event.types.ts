/** The 31 event names of webhooks.md §3, in catalogue order. */
export const EVENT_CATALOGUE = [
  'project.created',
  'project.updated',
  'project.deleted',
  'project.archived',
  'project.unarchived',
  'task.created',
  'task.updated',
  'task.deleted',
  'task.completed',
  'task.assigned',
  'task.status_changed',
  'time_entry.created',
  'time_entry.updated',
  'time_entry.deleted',
  'time_entry.started',
  'time_entry.stopped',
  'invoice.created',
  'invoice.updated',
  'invoice.deleted',
  'invoice.sent',
  'invoice.paid',
  'invoice.overdue',
  'client.created',
  'client.updated',
  'client.deleted',
  'user.created',
  'user.updated',
  'user.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
] as const

export type CatalogueEvent = (typeof EVENT_CATALOGUE)[number]

/** What an event is about; decides which read scope a live-stream client needs (webhooks.md §12). */
export type SubjectType =
  | 'project'
  | 'task'
  | 'time_entry'
  | 'client'
  | 'user'
  | 'approval'
  | 'inventory'
  | 'deal'
  | 'lead'
  | 'contact'

/** The acting user of an event; all null for actions without a signed-in user (CLI, bootstrap). */
export interface EventActor {
  id: number | null
  username: string | null
  display_name: string | null
}

/** The payload of webhooks.md §4.1, keys in this order; datetimes in `data` are UTC `…Z`. */
export interface EventEnvelope {
  event_type: string
  timestamp: string
  user: EventActor
  entity: { type: string; id: number; name: string }
  action: string
  description: string
  data: Record<string, unknown>
}

/** Who may receive an event on the live stream, besides administrators (api-core.md §8). */
export interface EventAudience {
  /** The user whose data it is (a time entry's user); null when not a user's own data. */
  ownerId: number | null
  projectId: number | null
  clientId: number | null
}

/** An event a service raises inside its unit of work (events/event-outbox.ts). */
export interface RaisedEvent {
  type: string
  /** The signed-in user acting, or null (CLI, bootstrap, scheduler). */
  actor: { id: number; username: string; fullName: string | null } | null
  subject: { type: SubjectType; id: number; name: string }
  description: string
  /** The subject's /api/v1 representation (UTC datetimes) plus the event's extra keys. */
  data: Record<string, unknown>
  audience: EventAudience
}

/** An event as committed to the outbox. */
export interface RecordedEvent {
  /** The shared event order (`events.id`): the live stream's event id. */
  sequence: number
  /** UUID v4 shared by every delivery of this occurrence (webhooks.md §4.3). */
  eventId: string
  eventType: string
  actorId: number | null
  subjectType: SubjectType
  subjectId: number
  audience: EventAudience
  envelope: EventEnvelope
}
