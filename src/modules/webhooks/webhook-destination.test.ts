import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import { startReceiver, type Receiver } from '../../../test/webhook-receiver.js'
import { WebhookRepository } from './webhook.repository.js'
import { WebhookSender } from './webhook-sender.js'

const SETTINGS = {
  description: null,
  events: ['*'],
  httpMethod: 'POST' as const,
  contentType: 'application/json',
  headers: null,
  isActive: true,
  maxRetries: 0,
  retryDelaySeconds: 60,
  timeoutSeconds: 5,
}

describe.each(dialects)(
  'the SSRF guard at each attempt on $name (WEBHOOK_ALLOW_PRIVATE_TARGETS off)',
  ({ name }) => {
    let t: TestApp
    let receiver: Receiver

    beforeEach(async () => {
      t = await buildTestApp({ dialect: name })
      receiver = await startReceiver()
      await t.app.ready()
    })

    afterEach(async () => {
      await t?.close()
      await receiver?.close()
    })

    it.each([
      ['a loopback address', (port: number) => `http://127.0.0.1:${port}/hook`, '127.0.0.1'],
      ['a private address', () => 'http://10.20.30.40/hook', '10.20.30.40'],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data', '169.254.169.254'],
      ['the IPv6 loopback', (port: number) => `http://[::1]:${port}/hook`, '::1'],
      [
        'a host name resolving to loopback',
        (port: number) => `http://localhost:${port}/hook`,
        'localhost resolves to',
      ],
    ])('refuses %s without sending anything, as a failed attempt', async (_label, urlFor, detail) => {
      // Stored directly: the API refuses literal internal addresses (the setting may have been on then).
      const owner = await createUser(t.deps, { role: 'admin' })
      const webhook = await new WebhookRepository(t.deps.database.db).insert(
        { ...SETTINGS, name: 'Internal', url: urlFor(receiver.port) },
        owner.id,
        null,
        t.clock.now(),
      )

      await t.deps.units.run(async () =>
        t.deps.events.raise({
          type: 'client.created',
          actor: { id: owner.id, username: owner.username, fullName: null },
          subject: { type: 'client', id: 1, name: 'C' },
          description: 'Created client "C"',
          data: {},
          audience: { ownerId: null, projectId: null, clientId: 1 },
        }),
      )
      await t.deps.webhookDispatcher.whenIdle()

      expect(receiver.requests).toHaveLength(0)
      const delivery = await t.deps.database.db
        .selectFrom('webhookDeliveries')
        .selectAll()
        .where('webhookId', '=', webhook.id)
        .executeTakeFirstOrThrow()
      expect(delivery).toMatchObject({
        status: 'failed',
        errorType: 'blocked_destination',
        responseStatusCode: null,
      })
      expect(delivery.errorMessage).toMatch(/^Blocked destination: /)
      expect(delivery.errorMessage).toContain(detail)
      const stats = await new WebhookRepository(t.deps.database.db).findById(webhook.id)
      expect(stats).toMatchObject({ totalDeliveries: 1, failedDeliveries: 1 })
    })
  },
)

describe('WebhookSender', () => {
  let receiver: Receiver

  beforeEach(async () => {
    receiver = await startReceiver()
  })

  afterEach(async () => receiver?.close())

  const request = (url: string) => ({
    url,
    method: 'POST',
    headers: { 'X-A': 'b' },
    body: '{}',
    timeoutSeconds: 5,
  })

  it('refuses a name when any of its addresses is internal, even if the first is public', async () => {
    const sender = new WebhookSender(false, async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ])

    const outcome = await sender.send(request('http://mixed.example/hook'))

    expect(outcome).toEqual({
      kind: 'blocked_destination',
      detail: 'mixed.example resolves to 10.0.0.5, which is not a public address',
    })
  })

  it('connects to the address it checked, keeping the host name in the Host header', async () => {
    const answers = [[{ address: '127.0.0.1', family: 4 }], [{ address: '10.9.9.9', family: 4 }]]
    let lookups = 0
    const sender = new WebhookSender(true, async () => answers[lookups++] ?? [])

    const outcome = await sender.send(request(`http://receiver.test:${receiver.port}/hook`))

    expect(lookups).toBe(1)
    expect(outcome).toMatchObject({ kind: 'response', statusCode: 200, body: 'ok' })
    expect(receiver.requests[0]?.headers.host).toBe(`receiver.test:${receiver.port}`)
    expect(receiver.requests[0]?.headers['x-a']).toBe('b')
  })

  it('reports a name that does not resolve as a connection error', async () => {
    const sender = new WebhookSender(true, async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' })
    })

    expect(await sender.send(request('http://nowhere.invalid/'))).toEqual({
      kind: 'connection_error',
      detail: 'getaddrinfo ENOTFOUND nowhere.invalid',
    })
  })

  it('reads at most 1 MiB of a response body', async () => {
    receiver.respond(() => ({ status: 200, body: 'y'.repeat(3 * 1024 * 1024) }))
    const sender = new WebhookSender(true)

    const outcome = await sender.send(request(receiver.url))

    expect(outcome).toMatchObject({ kind: 'response', statusCode: 200 })
    expect(outcome.kind === 'response' && outcome.body.length).toBe(1024 * 1024)
  })
})
