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

interface DeliveryJson {
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

  async function deliveries(webhookId: number): Promise<DeliveryJson[]> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}/deliveries?per_page=100`,
      headers: { ...bearer(token), prefer: 'datetime=utc' },
    })
    return response.json<{ deliveries: DeliveryJson[] }>().deliveries
  }

  async function webhookJson(webhookId: number): Promise<Record<string, unknown>> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/webhooks/${webhookId}`,
      headers: { ...bearer(token), prefer: 'datetime=utc' },
    })
    return response.json<{ webhook: Record<string, unknown> }>().webhook
  }

  /** Moves the fixed clock and lets the dispatcher look for due retries. */
  async function advanceAndSweep(seconds: number) {
    t.clock.advanceSeconds(seconds)
    t.deps.webhookDispatcher.wake()
    await t.deps.webhookDispatcher.whenIdle()
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

  it('sends no signature headers for a webhook without a secret, and uses its method and content type', async () => {
    await createWebhook({
      generate_secret: false,
      http_method: 'PUT',
      content_type: 'text/plain',
      headers: { 'X-Webhook-Signature': 'forged' },
    })

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()

    const request = receiver.requests[0]!
    expect(request.method).toBe('PUT')
    expect(request.headers['content-type']).toBe('text/plain')
    expect(request.headers['x-webhook-signature']).toBe('forged')
    expect(request.headers).not.toHaveProperty('x-webhook-timestamp')
    expect(request.headers).not.toHaveProperty('x-webhook-signature-256')
  })

  it('sets the signature last, so a custom header cannot override it', async () => {
    const webhook = await createWebhook({
      headers: { 'x-webhook-signature': 'forged', 'X-Webhook-ID': '99' },
    })

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()

    const request = receiver.requests[0]!
    expect(request.headers['x-webhook-signature']).toBe(`sha256=${hmac(webhook.secret!, request.body)}`)
    expect(request.headers['x-webhook-id']).toBe('99')
  })

  it('retries a 500 after retry_delay_seconds, never earlier, then records the success and clears the error', async () => {
    const webhook = await createWebhook({ retry_delay_seconds: 60 })
    receiver.respond((_request, index) => (index === 0 ? { status: 500, body: 'boom' } : { status: 204 }))

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()

    const [failed] = await deliveries(webhook.id)
    expect(failed).toMatchObject({
      status: 'retrying',
      attempt_number: 1,
      retry_count: 1,
      next_retry_at: '2026-01-15T09:31:00Z',
      response_status_code: 500,
      error_type: 'http_error',
      error_message: 'HTTP 500: boom',
      completed_at: '2026-01-15T09:30:00Z',
    })
    expect(await webhookJson(webhook.id)).toMatchObject({
      total_deliveries: 1,
      successful_deliveries: 0,
      failed_deliveries: 1,
      last_delivery_at: '2026-01-15T09:30:00Z',
      last_failure_at: '2026-01-15T09:30:00Z',
      last_success_at: null,
    })

    await advanceAndSweep(59)
    expect(receiver.requests).toHaveLength(1)

    await advanceAndSweep(1)
    expect(receiver.requests).toHaveLength(2)
    expect(receiver.requests[1]!.body.equals(receiver.requests[0]!.body)).toBe(true)
    expect(receiver.requests[1]!.headers['x-webhook-event-id']).toBe(failed!.event_id)
    const [succeeded] = await deliveries(webhook.id)
    expect(succeeded).toMatchObject({
      status: 'success',
      attempt_number: 2,
      retry_count: 1,
      next_retry_at: null,
      response_status_code: 204,
      error_type: null,
      error_message: null,
      completed_at: '2026-01-15T09:31:00Z',
    })
    expect(await webhookJson(webhook.id)).toMatchObject({
      total_deliveries: 2,
      successful_deliveries: 1,
      failed_deliveries: 1,
      last_success_at: '2026-01-15T09:31:00Z',
      last_failure_at: '2026-01-15T09:30:00Z',
    })
  })

  it('doubles the delay after each failure and fails finally after max_retries retries', async () => {
    const webhook = await createWebhook({ max_retries: 2, retry_delay_seconds: 10 })
    receiver.respond(() => ({ status: 503, body: 'x'.repeat(20_000) }))

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()
    expect((await deliveries(webhook.id))[0]?.next_retry_at).toBe('2026-01-15T09:30:10Z')
    await advanceAndSweep(10)
    expect((await deliveries(webhook.id))[0]?.next_retry_at).toBe('2026-01-15T09:30:30Z')
    await advanceAndSweep(19)
    expect(receiver.requests).toHaveLength(2)
    await advanceAndSweep(1)

    expect(receiver.requests).toHaveLength(3)
    const [final] = await deliveries(webhook.id)
    expect(final).toMatchObject({ status: 'failed', attempt_number: 3, retry_count: 2, next_retry_at: null })
    expect(final!.error_message).toBe(`HTTP 503: ${'x'.repeat(500)}`)
    const stored = await t.deps.database.db
      .selectFrom('webhookDeliveries')
      .select('responseBody')
      .where('id', '=', final!.id)
      .executeTakeFirstOrThrow()
    expect(stored.responseBody).toHaveLength(10_000)
    expect(await webhookJson(webhook.id)).toMatchObject({ total_deliveries: 3, failed_deliveries: 3 })
    await advanceAndSweep(3600)
    expect(receiver.requests).toHaveLength(3)
  })

  it('loses nothing while the receiver is down, and then delivers every event once, in order', async () => {
    const port = receiver.port
    const webhook = await createWebhook({ retry_delay_seconds: 30, max_retries: 5 })
    await receiver.close()

    for (let i = 1; i <= 5; i++) await raise(clientEvent(admin, i))
    await t.deps.webhookDispatcher.whenIdle()

    const waiting = await deliveries(webhook.id)
    expect(waiting.map((d) => d.status).sort()).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'retrying',
    ])
    const head = waiting.find((d) => d.status === 'retrying')!
    expect(head.error_type).toBe('connection_error')
    expect(head.error_message).toMatch(/^Connection error: .*ECONNREFUSED/)

    receiver = await startReceiver(port)
    await advanceAndSweep(30)

    expect(receiver.requests).toHaveLength(5)
    const ids = receiver.requests.map((r) => JSON.parse(r.body.toString()).entity.id as number)
    expect(ids).toEqual([1, 2, 3, 4, 5])
    expect((await deliveries(webhook.id)).every((d) => d.status === 'success')).toBe(true)
  })

  it('holds a webhook’s later deliveries back while its first one waits for a retry, without holding other webhooks', async () => {
    const slow = await createWebhook({ url: `${receiver.url}?slow` })
    await createWebhook({ url: `${receiver.url}?fine` })
    receiver.respond((request) => (request.url.endsWith('slow') ? { status: 500 } : { status: 200 }))

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()
    await raise(clientEvent(admin, 2))
    await t.deps.webhookDispatcher.whenIdle()

    // The two webhooks are drained side by side: compare each one's requests.
    const urls = receiver.requests.map((r) => r.url)
    expect(urls.filter((url) => url.endsWith('slow'))).toHaveLength(1)
    expect(urls.filter((url) => url.endsWith('fine'))).toHaveLength(2)
    expect((await deliveries(slow.id)).map((d) => d.status)).toEqual(['pending', 'retrying'])
  })

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const target = await startReceiver()
    const webhook = await createWebhook({ max_retries: 0 })
    receiver.respond(() => ({ status: 302, body: 'moved', headers: { location: target.url } }))

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()
    await target.close()

    expect(target.requests).toHaveLength(0)
    expect((await deliveries(webhook.id))[0]).toMatchObject({
      status: 'failed',
      response_status_code: 302,
      error_type: 'http_error',
      error_message: 'HTTP 302: moved',
    })
  })

  it('gives up after timeout_seconds for the whole exchange', async () => {
    const webhook = await createWebhook({ timeout_seconds: 1, max_retries: 0 })
    receiver.respond(() => ({ status: 200, delayMs: 2500 }))

    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()

    const [delivery] = await deliveries(webhook.id)
    expect(delivery).toMatchObject({
      status: 'failed',
      response_status_code: null,
      error_type: 'timeout',
      error_message: 'Request timeout after 1s',
    })
    expect(delivery!.duration_ms).toBeGreaterThanOrEqual(990)
    expect(delivery!.duration_ms).toBeLessThan(2000)
  })

  it('writes no delivery when the change rolls back', async () => {
    const webhook = await createWebhook()

    const failing = t.deps.units.run(async () => {
      t.deps.events.raise(clientEvent(admin, 1))
      throw new Error('boom')
    })

    await expect(failing).rejects.toThrow('boom')
    await t.deps.webhookDispatcher.whenIdle()
    expect(await deliveries(webhook.id)).toEqual([])
    expect(receiver.requests).toHaveLength(0)
  })

  it('sends a non-administrator’s webhook only its owner’s events, an administrator’s all, by subscription', async () => {
    const user = await createUser(t.deps)
    const userToken = await createToken(t.deps, user, ['read:webhooks', 'write:webhooks'])
    const own = await createWebhook({ url: `${receiver.url}?user` }, userToken)
    const all = await createWebhook({ url: `${receiver.url}?admin` })
    const projectsOnly = await createWebhook({ url: `${receiver.url}?projects`, events: ['project.created'] })
    await createWebhook({ url: `${receiver.url}?inactive`, is_active: false })

    await raise(clientEvent(admin, 1), clientEvent(user, 2), clientEvent(null, 3))
    await t.deps.webhookDispatcher.whenIdle()

    const seen = (query: string) =>
      receiver.requests
        .filter((r) => r.url.endsWith(query))
        .map((r) => JSON.parse(r.body.toString()).entity.id as number)
    expect(seen('?user')).toEqual([2])
    expect(seen('?admin')).toEqual([1, 2, 3])
    expect(seen('?projects')).toEqual([])
    expect(seen('?inactive')).toEqual([])
    expect(await deliveries(projectsOnly.id)).toEqual([])
    const [second] = await deliveries(own.id)
    const adminSecond = (await deliveries(all.id)).find((d) => d.event_id === second!.event_id)
    expect(adminSecond).toBeDefined()
  })

  it('re-reads the owner’s role: a demoted administrator’s webhook gets only their own events', async () => {
    const boss = await createUser(t.deps, { role: 'admin' })
    await createWebhook({}, await createToken(t.deps, boss))
    await t.deps.database.db.updateTable('users').set({ role: 'user' }).where('id', '=', boss.id).execute()

    await raise(clientEvent(admin, 1), clientEvent(boss, 2))
    await t.deps.webhookDispatcher.whenIdle()

    expect(receiver.requests.map((r) => JSON.parse(r.body.toString()).entity.id as number)).toEqual([2])
  })

  it('fails a due retry of a webhook deactivated meanwhile as webhook_inactive, counting a failed attempt', async () => {
    const webhook = await createWebhook()
    receiver.respond(() => ({ status: 500 }))
    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()

    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: bearer(token),
      payload: { is_active: false },
    })
    await advanceAndSweep(60)

    expect(receiver.requests).toHaveLength(1)
    expect((await deliveries(webhook.id))[0]).toMatchObject({
      status: 'failed',
      error_type: 'webhook_inactive',
      error_message: 'Webhook is inactive or deleted',
      attempt_number: 1,
      completed_at: '2026-01-15T09:31:00Z',
    })
    expect(await webhookJson(webhook.id)).toMatchObject({ total_deliveries: 2, failed_deliveries: 2 })
  })

  it('signs a pending retry with a regenerated secret and sends it to an edited URL', async () => {
    const other = await startReceiver()
    const webhook = await createWebhook()
    receiver.respond(() => ({ status: 500 }))
    await raise(clientEvent(admin, 1))
    await t.deps.webhookDispatcher.whenIdle()

    const updated = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: bearer(token),
      payload: { url: other.url, generate_secret: true },
    })
    await advanceAndSweep(60)
    await other.close()

    const secret = updated.json<{ webhook: { secret: string } }>().webhook.secret
    expect(other.requests).toHaveLength(1)
    expect(other.requests[0]!.headers['x-webhook-signature']).toBe(
      `sha256=${hmac(secret, other.requests[0]!.body)}`,
    )
  })

  it('tests a webhook at once whatever its subscriptions, and answers with the delivery after the attempt', async () => {
    const webhook = await createWebhook({ events: ['project.deleted'] })

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/test`,
      headers: { ...bearer(token), prefer: 'datetime=utc' },
    })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      success: true,
      delivery: expect.objectContaining({
        webhook_id: webhook.id,
        event_type: 'webhook.test',
        status: 'success',
        attempt_number: 1,
        response_status_code: 200,
        retry_count: 0,
        completed_at: '2026-01-15T09:30:00Z',
      }),
      message: 'Test webhook sent successfully',
    })
    const request = receiver.requests[0]!
    expect(request.body.toString()).toBe(
      `{"event_type": "webhook.test", "timestamp": "2026-01-15T09:30:00Z", ` +
        `"user": {"id": ${admin.id}, "username": "${admin.username}"}, "message": "This is a test webhook event"}`,
    )
    expect(request.headers['x-webhook-event']).toBe('webhook.test')
    expect(request.headers['x-webhook-signature']).toBe(`sha256=${hmac(webhook.secret!, request.body)}`)
  })

  it('answers the test with a failed attempt’s delivery, to be retried like any other', async () => {
    const webhook = await createWebhook()
    receiver.respond(() => ({ status: 400, body: 'no' }))

    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/test`,
      headers: bearer(token),
    })

    expect(response.statusCode).toBe(200)
    expect(response.json().delivery).toMatchObject({
      status: 'retrying',
      error_message: 'HTTP 400: no',
      retry_count: 1,
    })
    receiver.respond(() => ({ status: 200 }))
    await advanceAndSweep(60)
    expect((await deliveries(webhook.id))[0]?.status).toBe('success')
  })

  it('attempts deliveries left pending by a stopped process when it starts', async () => {
    const webhook = await createWebhook()
    await t.deps.webhookDispatcher.stop()
    await raise(clientEvent(admin, 1))
    expect((await deliveries(webhook.id))[0]?.status).toBe('pending')

    const second = await buildTestApp({
      dialect: name,
      env: ALLOW_PRIVATE,
      database: t.deps.database,
      clock: t.clock,
    })
    await second.app.ready()
    await second.deps.webhookDispatcher.whenIdle()
    await second.close()

    expect(receiver.requests).toHaveLength(1)
    expect((await deliveries(webhook.id))[0]?.status).toBe('success')
  })

  it('fans a large unit out in batches, in event order, with one delivery per recipient', async () => {
    const a = await createWebhook({ events: ['client.created'] })
    const b = await createWebhook({ events: ['*'] })
    receiver.respond(() => ({ status: 200 }))

    await raise(...Array.from({ length: 1200 }, (_, i) => clientEvent(admin, i + 1)))
    await t.deps.webhookDispatcher.whenIdle()

    const rows = await t.deps.database.db
      .selectFrom('webhookDeliveries')
      .select(['id', 'webhookId', 'payload', 'status'])
      .orderBy('id')
      .execute()
    expect(rows).toHaveLength(2400)
    expect(rows.slice(0, 4).map((row) => row.webhookId)).toEqual([a.id, b.id, a.id, b.id])
    expect(rows.every((row) => row.status === 'success')).toBe(true)
    const aIds = receiver.requests
      .filter((r) => r.headers['x-webhook-id'] === String(a.id))
      .map((r) => JSON.parse(r.body.toString()).entity.id as number)
    expect(aIds).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1))
  })

  it('leaves a delivery claimed by another process alone until the claim runs out, then attempts it', async () => {
    const webhook = await createWebhook()
    await t.deps.webhookDispatcher.stop()
    await raise(clientEvent(admin, 1))
    const claim = (claimedUntilMs: number) =>
      t.deps.database.db
        .updateTable('webhookDeliveries')
        .set({ claimedBy: 'another-process', claimedUntilMs })
        .where('webhookId', '=', webhook.id)
        .execute()
    const second = await buildTestApp({
      dialect: name,
      env: ALLOW_PRIVATE,
      database: t.deps.database,
      clock: t.clock,
    })
    try {
      await claim(t.clock.preciseNow() + 1000)
      await second.app.ready()
      await second.deps.webhookDispatcher.whenIdle()
      expect(receiver.requests).toHaveLength(0)

      await claim(t.clock.preciseNow() - 1)
      second.deps.webhookDispatcher.wake()
      await second.deps.webhookDispatcher.whenIdle()
    } finally {
      await second.close()
    }

    expect(receiver.requests).toHaveLength(1)
    expect((await deliveries(webhook.id))[0]?.status).toBe('success')
  })
})
