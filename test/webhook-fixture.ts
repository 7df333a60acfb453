import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, expect } from 'vitest'
import type { Dialect } from '../src/db/database.js'
import type { RaisedEvent } from '../src/modules/events/event.types.js'
import type { User } from '../src/modules/users/user.types.js'
import { bearer, createToken, createUser } from './factories.js'
import { buildTestApp, type TestApp } from './harness.js'
import { startReceiver, type Receiver } from './webhook-receiver.js'

export const ALLOW_PRIVATE = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }

/** A `client.created` event by `actor` (null: no signed-in user), with non-ASCII data. */
export function clientEvent(actor: User | null, id: number, name = `Client ${id}`): RaisedEvent {
  return {
    type: 'client.created',
    actor: actor && { id: actor.id, username: actor.username, fullName: actor.fullName },
    subject: { type: 'client', id, name },
    description: `Created client "${name}"`,
    data: { id, name, rate: 2.5, note: 'café ☕ 😀 a/b' },
    audience: { ownerId: null, projectId: null, clientId: id },
  }
}

/** The delivery JSON of webhooks.md §2.2, as the tests read it. */
export interface DeliveryJson {
  id: number
  event_id: string
  status: string
  attempt_number: number
  retry_count: number
  next_retry_at: string | null
  response_status_code: number | null
  error_type: string | null
  error_message: string | null
  duration_ms: number | null
  completed_at: string | null
}

export const hmac = (key: string, message: Buffer | string) =>
  createHmac('sha256', key).update(message).digest('hex')

/** The entity ids of the events a receiver got, in arrival order. */
export const entityIds = (receiver: Receiver, urlEnd = '') =>
  receiver.requests
    .filter((request) => request.url.endsWith(urlEnd))
    .map((request) => (JSON.parse(request.body.toString()) as { entity: { id: number } }).entity.id)

/**
 * Per test: an app that may call 127.0.0.1, its clock at 2026-01-15T09:30:00Z, a receiver, an
 * administrator with a token, and helpers over the webhook API.
 */
export class WebhookFixture {
  t!: TestApp
  receiver!: Receiver
  admin!: User
  token!: string

  constructor(readonly dialect: Dialect) {
    beforeEach(async () => {
      this.t = await buildTestApp({ dialect, env: ALLOW_PRIVATE })
      this.t.clock.set('2026-01-15T09:30:00Z')
      this.receiver = await startReceiver()
      this.admin = await createUser(this.t.deps, { role: 'admin' })
      this.token = await createToken(this.t.deps, this.admin)
      await this.t.app.ready()
    })
    afterEach(async () => {
      await this.t?.close()
      await this.receiver?.close()
    })
  }

  async createWebhook(body: Record<string, unknown> = {}, as = this.token) {
    const response = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(as),
      payload: { name: 'Hook', url: this.receiver.url, events: ['*'], ...body },
    })
    expect(response.statusCode).toBe(201)
    return response.json<{ webhook: { id: number; secret: string | null } }>().webhook
  }

  async raise(...events: RaisedEvent[]) {
    await this.t.deps.units.run(async () => events.forEach((event) => this.t.deps.events.raise(event)))
  }

  async deliveries(webhookId: number): Promise<DeliveryJson[]> {
    const response = await this.t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}/deliveries?per_page=100`,
      headers: { ...bearer(this.token), prefer: 'datetime=utc' },
    })
    return response.json<{ deliveries: DeliveryJson[] }>().deliveries
  }

  async webhookJson(webhookId: number): Promise<Record<string, unknown>> {
    const response = await this.t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}`,
      headers: { ...bearer(this.token), prefer: 'datetime=utc' },
    })
    return response.json<{ webhook: Record<string, unknown> }>().webhook
  }

  async whenIdle() {
    await this.t.deps.webhookDispatcher.whenIdle()
  }

  /** Moves the fixed clock and lets the dispatcher look for due retries. */
  async advanceAndSweep(seconds: number) {
    this.t.clock.advanceSeconds(seconds)
    this.t.deps.webhookDispatcher.wake()
    await this.whenIdle()
  }
}
