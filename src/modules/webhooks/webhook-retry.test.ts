import { describe, expect, it } from 'vitest'
import { bearer } from '../../../test/factories.js'
import { buildTestApp, dialects } from '../../../test/harness.js'
import { ALLOW_PRIVATE, clientEvent, entityIds, hmac, WebhookFixture } from '../../../test/webhook-fixture.js'
import { startReceiver } from '../../../test/webhook-receiver.js'

describe.each(dialects)('webhook failures and retries on $name', ({ name }) => {
  const f = new WebhookFixture(name)

  it('retries a 500 after retry_delay_seconds, never earlier, then records the success and clears the error', async () => {
    const webhook = await f.createWebhook({ retry_delay_seconds: 60 })
    f.receiver.respond((_request, index) => (index === 0 ? { status: 500, body: 'boom' } : { status: 204 }))

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()

    const [failed] = await f.deliveries(webhook.id)
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
    expect(await f.webhookJson(webhook.id)).toMatchObject({
      total_deliveries: 1,
      successful_deliveries: 0,
      failed_deliveries: 1,
      last_delivery_at: '2026-01-15T09:30:00Z',
      last_failure_at: '2026-01-15T09:30:00Z',
      last_success_at: null,
    })

    await f.advanceAndSweep(59)
    expect(f.receiver.requests).toHaveLength(1)

    await f.advanceAndSweep(1)
    expect(f.receiver.requests).toHaveLength(2)
    expect(f.receiver.requests[1]!.body.equals(f.receiver.requests[0]!.body)).toBe(true)
    expect(f.receiver.requests[1]!.headers['x-webhook-event-id']).toBe(failed!.event_id)
    const [succeeded] = await f.deliveries(webhook.id)
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
    expect(await f.webhookJson(webhook.id)).toMatchObject({
      total_deliveries: 2,
      successful_deliveries: 1,
      failed_deliveries: 1,
      last_success_at: '2026-01-15T09:31:00Z',
      last_failure_at: '2026-01-15T09:30:00Z',
    })
  })

  it('doubles the delay after each failure and fails finally after max_retries retries', async () => {
    const webhook = await f.createWebhook({ max_retries: 2, retry_delay_seconds: 10 })
    f.receiver.respond(() => ({ status: 503, body: 'x'.repeat(20_000) }))

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()
    expect((await f.deliveries(webhook.id))[0]?.next_retry_at).toBe('2026-01-15T09:30:10Z')
    await f.advanceAndSweep(10)
    expect((await f.deliveries(webhook.id))[0]?.next_retry_at).toBe('2026-01-15T09:30:30Z')
    await f.advanceAndSweep(19)
    expect(f.receiver.requests).toHaveLength(2)
    await f.advanceAndSweep(1)

    expect(f.receiver.requests).toHaveLength(3)
    const [final] = await f.deliveries(webhook.id)
    expect(final).toMatchObject({ status: 'failed', attempt_number: 3, retry_count: 2, next_retry_at: null })
    expect(final!.error_message).toBe(`HTTP 503: ${'x'.repeat(500)}`)
    const stored = await f.t.deps.database.db
      .selectFrom('webhookDeliveries')
      .select('responseBody')
      .where('id', '=', final!.id)
      .executeTakeFirstOrThrow()
    expect(stored.responseBody).toHaveLength(10_000)
    expect(await f.webhookJson(webhook.id)).toMatchObject({ total_deliveries: 3, failed_deliveries: 3 })
    await f.advanceAndSweep(3600)
    expect(f.receiver.requests).toHaveLength(3)
  })

  it('loses nothing while the f.receiver is down, and then delivers every event once, in order', async () => {
    const port = f.receiver.port
    const webhook = await f.createWebhook({ retry_delay_seconds: 30, max_retries: 5 })
    await f.receiver.close()

    for (let i = 1; i <= 5; i++) await f.raise(clientEvent(f.admin, i))
    await f.whenIdle()

    const waiting = await f.deliveries(webhook.id)
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

    f.receiver = await startReceiver(port)
    await f.advanceAndSweep(30)

    expect(f.receiver.requests).toHaveLength(5)
    const ids = entityIds(f.receiver)
    expect(ids).toEqual([1, 2, 3, 4, 5])
    expect((await f.deliveries(webhook.id)).every((d) => d.status === 'success')).toBe(true)
  })

  it('holds a webhook’s later deliveries back while its first one waits for a retry, without holding other webhooks', async () => {
    const slow = await f.createWebhook({ url: `${f.receiver.url}?slow` })
    await f.createWebhook({ url: `${f.receiver.url}?fine` })
    f.receiver.respond((request) => (request.url.endsWith('slow') ? { status: 500 } : { status: 200 }))

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()
    await f.raise(clientEvent(f.admin, 2))
    await f.whenIdle()

    // The two webhooks are drained side by side: compare each one's requests.
    const urls = f.receiver.requests.map((r) => r.url)
    expect(urls.filter((url) => url.endsWith('slow'))).toHaveLength(1)
    expect(urls.filter((url) => url.endsWith('fine'))).toHaveLength(2)
    expect((await f.deliveries(slow.id)).map((d) => d.status)).toEqual(['pending', 'retrying'])
  })

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const target = await startReceiver()
    const webhook = await f.createWebhook({ max_retries: 0 })
    f.receiver.respond(() => ({ status: 302, body: 'moved', headers: { location: target.url } }))

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()
    await target.close()

    expect(target.requests).toHaveLength(0)
    expect((await f.deliveries(webhook.id))[0]).toMatchObject({
      status: 'failed',
      response_status_code: 302,
      error_type: 'http_error',
      error_message: 'HTTP 302: moved',
    })
  })

  it('gives up after timeout_seconds for the whole exchange', async () => {
    const webhook = await f.createWebhook({ timeout_seconds: 1, max_retries: 0 })
    f.receiver.respond(() => ({ status: 200, delayMs: 2500 }))

    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()

    const [delivery] = await f.deliveries(webhook.id)
    expect(delivery).toMatchObject({
      status: 'failed',
      response_status_code: null,
      error_type: 'timeout',
      error_message: 'Request timeout after 1s',
    })
    expect(delivery!.duration_ms).toBeGreaterThanOrEqual(990)
    expect(delivery!.duration_ms).toBeLessThan(2000)
  })

  it('fails a due retry of a webhook deactivated meanwhile as webhook_inactive, counting a failed attempt', async () => {
    const webhook = await f.createWebhook()
    f.receiver.respond(() => ({ status: 500 }))
    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()

    await f.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: bearer(f.token),
      payload: { is_active: false },
    })
    await f.advanceAndSweep(60)

    expect(f.receiver.requests).toHaveLength(1)
    expect((await f.deliveries(webhook.id))[0]).toMatchObject({
      status: 'failed',
      error_type: 'webhook_inactive',
      error_message: 'Webhook is inactive or deleted',
      attempt_number: 1,
      completed_at: '2026-01-15T09:31:00Z',
    })
    expect(await f.webhookJson(webhook.id)).toMatchObject({ total_deliveries: 2, failed_deliveries: 2 })
  })

  it('signs a pending retry with a regenerated secret and sends it to an edited URL', async () => {
    const other = await startReceiver()
    const webhook = await f.createWebhook()
    f.receiver.respond(() => ({ status: 500 }))
    await f.raise(clientEvent(f.admin, 1))
    await f.whenIdle()

    const updated = await f.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: bearer(f.token),
      payload: { url: other.url, generate_secret: true },
    })
    await f.advanceAndSweep(60)
    await other.close()

    const secret = updated.json<{ webhook: { secret: string } }>().webhook.secret
    expect(other.requests).toHaveLength(1)
    expect(other.requests[0]!.headers['x-webhook-signature']).toBe(
      `sha256=${hmac(secret, other.requests[0]!.body)}`,
    )
  })

  it('attempts deliveries left pending by a stopped process when it starts', async () => {
    const webhook = await f.createWebhook()
    await f.t.deps.webhookDispatcher.stop()
    await f.raise(clientEvent(f.admin, 1))
    expect((await f.deliveries(webhook.id))[0]?.status).toBe('pending')

    const second = await buildTestApp({
      dialect: name,
      env: ALLOW_PRIVATE,
      database: f.t.deps.database,
      clock: f.t.clock,
    })
    await second.app.ready()
    await second.deps.webhookDispatcher.whenIdle()
    await second.close()

    expect(f.receiver.requests).toHaveLength(1)
    expect((await f.deliveries(webhook.id))[0]?.status).toBe('success')
  })

  it('leaves a delivery claimed by another process alone until the claim runs out, then attempts it', async () => {
    const webhook = await f.createWebhook()
    await f.t.deps.webhookDispatcher.stop()
    await f.raise(clientEvent(f.admin, 1))
    const claim = (claimedUntilMs: number) =>
      f.t.deps.database.db
        .updateTable('webhookDeliveries')
        .set({ claimedBy: 'another-process', claimedUntilMs })
        .where('webhookId', '=', webhook.id)
        .execute()
    const second = await buildTestApp({
      dialect: name,
      env: ALLOW_PRIVATE,
      database: f.t.deps.database,
      clock: f.t.clock,
    })
    try {
      await claim(f.t.clock.preciseNow() + 1000)
      await second.app.ready()
      await second.deps.webhookDispatcher.whenIdle()
      expect(f.receiver.requests).toHaveLength(0)

      await claim(f.t.clock.preciseNow() - 1)
      second.deps.webhookDispatcher.wake()
      await second.deps.webhookDispatcher.whenIdle()
    } finally {
      await second.close()
    }

    expect(f.receiver.requests).toHaveLength(1)
    expect((await f.deliveries(webhook.id))[0]?.status).toBe('success')
  })
})
