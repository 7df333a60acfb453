import { describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../../test/factories.js'
import { dialects } from '../../../test/harness.js'
import { clientEvent, entityIds, hmac, WebhookFixture } from '../../../test/webhook-fixture.js'

describe.each(dialects)('webhook deliveries on $name', ({ name }) => {
  const f = new WebhookFixture(name)

  it('posts the event once, signed over the exact Python-style body, with the documented headers', async () => {
    const webhook = await f.createWebhook({ headers: { 'X-Custom': 'yes', 'user-agent': 'Mine/2' } })

    await f.raise(clientEvent(f.admin, 7, 'Acme'))
    await f.whenIdle()

    expect(f.receiver.requests).toHaveLength(1)
    const request = f.receiver.requests[0]!
    const body = request.body.toString('utf8')
    expect(body).toBe(
      `{"event_type": "client.created", "timestamp": "2026-01-15T09:30:00Z", ` +
        `"user": {"id": ${f.admin.id}, "username": "${f.admin.username}", "display_name": "${f.admin.username}"}, ` +
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
    await f.createWebhook({
      generate_secret: false,
      http_method: 'PUT',
      content_type: 'text/plain',
      headers: { 'X-Webhook-Signature': 'forged' },
    })

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()

    const request = f.receiver.requests[0]!
    expect(request.method).toBe('PUT')
    expect(request.headers['content-type']).toBe('text/plain')
    expect(request.headers['x-webhook-signature']).toBe('forged')
    expect(request.headers).not.toHaveProperty('x-webhook-timestamp')
    expect(request.headers).not.toHaveProperty('x-webhook-signature-256')
  })

  it('sets the signature last, so a custom header cannot override it', async () => {
    const webhook = await f.createWebhook({
      headers: { 'x-webhook-signature': 'forged', 'X-Webhook-ID': '99' },
    })

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()

    const request = f.receiver.requests[0]!
    expect(request.headers['x-webhook-signature']).toBe(`sha256=${hmac(webhook.secret!, request.body)}`)
    expect(request.headers['x-webhook-id']).toBe('99')
  })

  it('writes no delivery when the change rolls back', async () => {
    const webhook = await f.createWebhook()

    const failing = f.t.deps.units.run(async () => {
      f.t.deps.events.raise(clientEvent(f.admin, 1))
      throw new Error('boom')
    })

    await expect(failing).rejects.toThrow('boom')
    await f.whenIdle()
    expect(await f.deliveries(webhook.id)).toEqual([])
    expect(f.receiver.requests).toHaveLength(0)
  })

  it('sends a non-administrator’s webhook only its owner’s events, an administrator’s all, by subscription', async () => {
    const user = await createUser(f.t.deps)
    const userToken = await createToken(f.t.deps, user, ['read:webhooks', 'write:webhooks'])
    const own = await f.createWebhook({ url: `${f.receiver.url}?user` }, userToken)
    const all = await f.createWebhook({ url: `${f.receiver.url}?admin` })
    const projectsOnly = await f.createWebhook({
      url: `${f.receiver.url}?projects`,
      events: ['project.created'],
    })
    await f.createWebhook({ url: `${f.receiver.url}?inactive`, is_active: false })

    await f.raise(clientEvent(f.admin, 1), clientEvent(user, 2), clientEvent(null, 3))
    await f.whenIdle()

    const seen = (query: string) => entityIds(f.receiver, query)
    expect(seen('?user')).toEqual([2])
    expect(seen('?admin')).toEqual([1, 2, 3])
    expect(seen('?projects')).toEqual([])
    expect(seen('?inactive')).toEqual([])
    expect(await f.deliveries(projectsOnly.id)).toEqual([])
    const [second] = await f.deliveries(own.id)
    const adminSecond = (await f.deliveries(all.id)).find((d) => d.event_id === second!.event_id)
    expect(adminSecond).toBeDefined()
  })

  it('re-reads the owner’s role: a demoted administrator’s webhook gets only their own events', async () => {
    const boss = await createUser(f.t.deps, { role: 'admin' })
    await f.createWebhook({}, await createToken(f.t.deps, boss))
    await f.t.deps.database.db.updateTable('users').set({ role: 'user' }).where('id', '=', boss.id).execute()

    await f.raise(clientEvent(f.admin, 1), clientEvent(boss, 2))
    await f.whenIdle()

    expect(entityIds(f.receiver)).toEqual([2])
  })

  it('tests a webhook at once whatever its subscriptions, and answers with the delivery after the attempt', async () => {
    const webhook = await f.createWebhook({ events: ['project.deleted'] })

    const response = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/test`,
      headers: { ...bearer(f.token), prefer: 'datetime=utc' },
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
    const request = f.receiver.requests[0]!
    expect(request.body.toString()).toBe(
      `{"event_type": "webhook.test", "timestamp": "2026-01-15T09:30:00Z", ` +
        `"user": {"id": ${f.admin.id}, "username": "${f.admin.username}"}, "message": "This is a test webhook event"}`,
    )
    expect(request.headers['x-webhook-event']).toBe('webhook.test')
    expect(request.headers['x-webhook-signature']).toBe(`sha256=${hmac(webhook.secret!, request.body)}`)
  })

  it('answers the test with a failed attempt’s delivery, to be retried like any other', async () => {
    const webhook = await f.createWebhook()
    f.receiver.respond(() => ({ status: 400, body: 'no' }))

    const response = await f.t.app.inject({
      method: 'POST',
      url: `/api/v1/webhooks/${webhook.id}/test`,
      headers: bearer(f.token),
    })

    expect(response.statusCode).toBe(200)
    expect(response.json().delivery).toMatchObject({
      status: 'retrying',
      error_message: 'HTTP 400: no',
      retry_count: 1,
    })
    f.receiver.respond(() => ({ status: 200 }))
    await f.advanceAndSweep(60)
    expect((await f.deliveries(webhook.id))[0]?.status).toBe('success')
  })

  it('fans a large unit out in batches, in event order, with one delivery per recipient', async () => {
    const a = await f.createWebhook({ events: ['client.created'] })
    const b = await f.createWebhook({ events: ['*'] })
    f.receiver.respond(() => ({ status: 200 }))

    await f.raise(...Array.from({ length: 1200 }, (_, i) => clientEvent(f.admin, i + 1)))
    await f.whenIdle()

    const rows = await f.t.deps.database.db
      .selectFrom('webhookDeliveries')
      .select(['id', 'webhookId', 'payload', 'status'])
      .orderBy('id')
      .execute()
    expect(rows).toHaveLength(2400)
    expect(rows.slice(0, 4).map((row) => row.webhookId)).toEqual([a.id, b.id, a.id, b.id])
    expect(rows.every((row) => row.status === 'success')).toBe(true)
    const aIds = f.receiver.requests
      .filter((r) => r.headers['x-webhook-id'] === String(a.id))
      .map((r) => JSON.parse(r.body.toString()).entity.id as number)
    expect(aIds).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1))
  })
})
