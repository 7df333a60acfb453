import { describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, createTestDatabase, dialects, type TestApp } from '../../../test/harness.js'
import { startReceiver } from '../../../test/webhook-receiver.js'
import type { User } from '../users/user.types.js'
import type { WebhookSender } from './webhook-sender.js'

const EVENTS = 300
const env = { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' }

function raiseOn(app: TestApp, actor: User, id: number) {
  return app.deps.units.run(async () =>
    app.deps.events.raise({
      type: 'client.updated',
      actor: { id: actor.id, username: actor.username, fullName: null },
      subject: { type: 'client', id, name: `Client ${id}` },
      description: `Updated client "Client ${id}"`,
      data: { id },
      audience: { ownerId: null, projectId: null, clientId: id },
    }),
  )
}

/** Counts the requests a process's dispatcher sends (and still sends them). */
function countAttempts(app: TestApp): () => number {
  const sender = (app.deps.webhookDispatcher as unknown as { sender: WebhookSender }).sender
  const send = sender.send.bind(sender)
  let count = 0
  sender.send = (request) => {
    count++
    return send(request)
  }
  return () => count
}

describe.runIf(dialects.some((dialect) => dialect.name === 'postgres'))(
  'webhooks across two processes',
  () => {
    it(`delivers each of ${EVENTS} events raised on two app instances on one PostgreSQL database exactly once, in order per webhook`, async () => {
      const database = await createTestDatabase('postgres')
      const secondHandle = database.connectAgain()
      const a = await buildTestApp({ dialect: 'postgres', database: database.handle, env })
      const b = await buildTestApp({ dialect: 'postgres', database: secondHandle, env, clock: a.clock })
      const receiver = await startReceiver(0, () => ({ status: 200, delayMs: Math.floor(Math.random() * 3) }))
      try {
        await Promise.all([a.app.ready(), b.app.ready()])
        const admin = await createUser(a.deps, { role: 'admin' })
        const token = await createToken(a.deps, admin)
        const webhookIds: number[] = []
        for (const query of ['one', 'two']) {
          const response = await a.app.inject({
            method: 'POST',
            url: '/api/v1/webhooks',
            headers: bearer(token),
            payload: { name: query, url: `${receiver.url}?${query}`, events: ['*'] },
          })
          webhookIds.push(response.json<{ webhook: { id: number } }>().webhook.id)
        }

        const attemptsOfA = countAttempts(a)
        const attemptsOfB = countAttempts(b)
        // Both dispatchers are woken after every commit, whichever process raised the event.
        const wakeBoth = () => [a, b].forEach((app) => app.deps.webhookDispatcher.wake())
        for (let id = 1; id <= EVENTS; id += 2) {
          await Promise.all([raiseOn(a, admin, id), raiseOn(b, admin, id + 1)])
          wakeBoth()
        }
        await receiver.waitFor(EVENTS * 2, 60_000)
        await Promise.all([a.deps.webhookDispatcher.whenIdle(), b.deps.webhookDispatcher.whenIdle()])

        expect(receiver.requests).toHaveLength(EVENTS * 2)
        expect(attemptsOfA() + attemptsOfB()).toBe(EVENTS * 2)
        expect(attemptsOfA()).toBeGreaterThan(0)
        expect(attemptsOfB()).toBeGreaterThan(0)
        for (const query of ['one', 'two']) {
          const received = receiver.requests.filter((request) => request.url.endsWith(query))
          const eventIds = received.map((request) => request.headers['x-webhook-event-id'])
          expect(new Set(eventIds).size).toBe(EVENTS)
          // Delivery order is commit order: what the receiver saw follows the deliveries' ids.
          const rows = await a.deps.database.db
            .selectFrom('webhookDeliveries')
            .select(['eventId', 'status'])
            .where('webhookId', '=', webhookIds[query === 'one' ? 0 : 1]!)
            .orderBy('id')
            .execute()
          expect(rows.map((row) => row.eventId)).toEqual(eventIds)
          expect(rows.every((row) => row.status === 'success')).toBe(true)
        }
        const stats = await a.deps.database.db.selectFrom('webhooks').select('totalDeliveries').execute()
        expect(stats.map((row) => Number(row.totalDeliveries))).toEqual([EVENTS, EVENTS])
      } finally {
        await Promise.all([a.close(), b.close()])
        await receiver.close()
        await Promise.all([database.handle.db.destroy(), secondHandle.db.destroy()])
        await database.drop()
      }
    })
  },
)
