import type { UnitOfWork } from '../../db/unit-of-work.js'
import { toPythonJson } from '../../lib/python-json.js'
import type { Clock } from '../../platform/clock.js'
import { sha256Hex } from '../../platform/secrets.js'
import type { RecordedEvent } from '../events/event.types.js'
import type { NewDelivery, WebhookDeliveryRepository } from './webhook-delivery.repository.js'
import type { WebhookRepository } from './webhook.repository.js'
import { mayReceive, subscribesTo } from './webhook.rules.js'
import type { DeliveryContent } from './webhook.types.js'

/** Deliveries written per insert while a large unit fans out. */
const FLUSH_ROWS = 1000

/** The body of an event as webhooks.md §4.4 writes it, with its hash. */
export function deliveryContent(eventType: string, eventId: string, payload: object): DeliveryContent {
  const text = toPythonJson(payload)
  return { eventType, eventId, payload: text, payloadHash: sha256Hex(text) }
}

/**
 * Turns committed events into pending deliveries inside the transaction that raised them
 * (webhooks.md §6.4): a transactional subscriber of the event outbox. Per unit it reads the
 * active webhooks once; when there are none it writes nothing. For each event, in order, one
 * delivery per recipient by ascending webhook id (§3.2), the body serialized once per event.
 */
export class WebhookFanout {
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly units: UnitOfWork,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  /** Hears, after commit, that a unit wrote deliveries (the dispatcher's wake-up). */
  onDeliveriesCommitted(listener: () => void): void {
    this.listeners.add(listener)
  }

  /** The outbox subscriber: writes the deliveries of `events` in the current unit. */
  readonly deliver = async (events: RecordedEvent[]): Promise<void> => {
    const recipients = await this.webhooks.listRecipients()
    if (recipients.length === 0) return
    const createdAt = this.clock.now()
    let rows: NewDelivery[] = []
    let written = 0
    for (const event of events) {
      let content: DeliveryContent | undefined
      for (const webhook of recipients) {
        if (!subscribesTo(webhook.events, event.eventType)) continue
        if (!mayReceive({ userId: webhook.userId, isAdmin: webhook.ownerIsAdmin }, event.actorId)) continue
        content ??= deliveryContent(event.eventType, event.eventId, event.envelope)
        rows.push({ ...content, webhookId: webhook.id, createdAt })
      }
      // A 100,000-event import would otherwise hold every serialized body at once.
      if (rows.length >= FLUSH_ROWS) {
        await this.deliveries.insertPending(rows)
        written += rows.length
        rows = []
      }
    }
    await this.deliveries.insertPending(rows)
    if (written + rows.length > 0)
      this.units.afterCommit(() => this.listeners.forEach((listener) => listener()))
  }
}
