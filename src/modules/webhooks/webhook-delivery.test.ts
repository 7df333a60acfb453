import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import { startReceiver, type Receiver } from '../../../test/webhook-receiver.js'
import type { RaisedEvent } from '../events/event.types.js'
import type { User } from '../users/user.types.js'

const ALLOW_PRIVATE = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }

function clientEvent(actor: User | null, id: number, name = `Client ${id}`): RaisedEvent {
  return {
    type: 'client.created',
    actor: actor && { id: actor.id, username: actor.username, fullName: actor.fullName },
    subject: { type: 'client', id, name },
    description: `Created client "${name}"`,
    data: { id, name, rate: 2.5, note: 'café ☕ 😀 a/b' },
    audience: { ownerId: null, projectId: null, clientId: id },
  }
}

const hmac = (key: string, message: Buffer | string) =>
  createHmac('sha256', key).update(message).digest('hex')

describe.each(dialects)('webhook deliveries on $name', ({ name }) => {
  let t: TestApp
  let receiver: Receiver
  let admin: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: ALLOW_PRIVATE })
    t.clock.set('2026-01-15T09:30:00Z')
    receiver = await startReceiver()
    admin = await createUser(t.deps, { role: 'admin' })
    token = await createToken(t.deps, admin)
    await t.app.ready()
  })

  afterEach(async () => {
    await t?.close()
    await receiver?.close()
  })

  async function createWebhook(body: Record<string, unknown> = {}, as = token) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: bearer(as),
      payload: { name: 'Hook', url: receiver.url, events: ['*'], ...body },
    })
    expect(response.statusCode).toBe(201)
    return response.json().webhook as { id: number; secret: string | null }
  }

  async function raise(...events: RaisedEvent[]) {
    await t.deps.units.run(async () => events.forEach((event) => t.deps.events.raise(event)))
  }

  it('posts the event once, signed over the exact Python-style body, with the documented headers', async () => {
    const webhook = await createWebhook({ headers: { 'X-Custom': 'yes', 'user-agent': 'Mine/2' } })

    await raise(clientEvent(admin, 7, 'Acme'))
    await t.deps.webhookDispatcher.whenIdle()

    expect(receiver.requests).toHaveLength(1)
    const request = receiver.requests[0]!
    const body = request.body.toString('utf8')
    expect(body).toBe(
      `{"event_type": "client.created", "timestamp": "2026-01-15T09:30:00Z", ` +
        `"user": {"id": ${admin.id}, "username": "${admin.username}", "display_name": "${admin.username}"}, ` +
        `"entity": {"type": "client", "id": 7, "name": "Acme"}, "action": "created", ` +
        `"description": "Created client \\"Acme\\"", ` +
        `"data": {"id": 7, "name": "Acme", "rate": 2.5, "note": "caf\\u00e9 \\u2615 \\ud83d\\ude00 a/b"}}`,
    )
    expect(request.method).toBe('POST')
    expect(request.url).toBe('/hook')
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers['user-agent']).toBe('Mine/2')
    expect(request.headers['x-custom']).toBe('yes')
    expect(request.headers['x-webhook-event']).toBe('client.created')
    expect(request.headers['x-webhook-id']).toBe(String(webhook.id))
    expect(request.headers['x-webhook-event-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(request.headers['x-webhook-signature']).toBe(`sha256=${hmac(webhook.secret!, request.body)}`)
    const timestamp = request.headers['x-webhook-timestamp'] as string
    expect(timestamp).toBe(String(Date.parse('2026-01-15T09:30:00Z') / 1000))
    expect(request.headers['x-webhook-signature-256']).toBe(
      `t=${timestamp},v1=${hmac(webhook.secret!, Buffer.concat([Buffer.from(`${timestamp}.`), request.body]))}`,
    )
  })
})
