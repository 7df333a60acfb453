import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { RaisedEvent, RecordedEvent } from './event.types.js'

function clientEvent(id: number, name = `Client ${id}`): RaisedEvent {
  return {
    type: 'client.created',
    actor: { id: 1, username: 'admin', fullName: '  ' },
    subject: { type: 'client', id, name },
    description: `Created client "${name}"`,
    data: { id, name },
    audience: { ownerId: null, projectId: null, clientId: id },
  }
}

describe.each(dialects)('the event outbox on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function storedEvents() {
    return t.deps.database.db.selectFrom('events').selectAll().orderBy('id').execute()
  }

  it('writes raised events with the change when the unit commits, then announces them in order', async () => {
    t = await buildTestApp({ dialect: name })
    t.clock.set(new Date('2026-01-15T09:30:00.400Z'))
    const heard: RecordedEvent[][] = []
    t.deps.events.onCommitted((events) => heard.push(events))

    await t.deps.units.run(async () => {
      await t.deps.units.db
        .insertInto('clients')
        .values({ name: 'Acme', createdAt: t.clock.now(), updatedAt: t.clock.now() })
        .execute()
      t.deps.events.raise(clientEvent(1, 'Acme'))
      t.deps.events.raise(clientEvent(2))
      expect(heard).toEqual([])
    })

    const rows = await storedEvents()
    expect(rows.map((row) => row.eventType)).toEqual(['client.created', 'client.created'])
    expect(heard).toHaveLength(1)
    const [first, second] = heard[0] as RecordedEvent[]
    expect(first?.sequence).toBe(Number(rows[0]?.id))
    expect(second?.sequence).toBeGreaterThan(first?.sequence as number)
    expect(first?.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first?.envelope).toEqual({
      event_type: 'client.created',
      timestamp: '2026-01-15T09:30:00Z',
      user: { id: 1, username: 'admin', display_name: 'admin' },
      entity: { type: 'client', id: 1, name: 'Acme' },
      action: 'created',
      description: 'Created client "Acme"',
      data: { id: 1, name: 'Acme' },
    })
    expect(JSON.parse(rows[0]?.envelope as string)).toEqual(first?.envelope)
  })

  it('writes and announces nothing when the unit rolls back, and keeps nothing of the change', async () => {
    t = await buildTestApp({ dialect: name })
    const heard: RecordedEvent[][] = []
    t.deps.events.onCommitted((events) => heard.push(events))

    const failing = t.deps.units.run(async () => {
      await t.deps.units.db
        .insertInto('clients')
        .values({ name: 'Gone', createdAt: t.clock.now(), updatedAt: t.clock.now() })
        .execute()
      t.deps.events.raise(clientEvent(1))
      throw new Error('boom')
    })

    await expect(failing).rejects.toThrow('boom')
    expect(await storedEvents()).toEqual([])
    expect(await t.deps.database.db.selectFrom('clients').selectAll().execute()).toEqual([])
    expect(heard).toEqual([])
  })

  it('rolls the change back when a transactional subscriber fails', async () => {
    t = await buildTestApp({ dialect: name })
    t.deps.events.addTransactionalSubscriber(async () => {
      throw new Error('subscriber failed')
    })

    const failing = t.deps.units.run(async () => {
      await t.deps.units.db
        .insertInto('clients')
        .values({ name: 'Gone', createdAt: t.clock.now(), updatedAt: t.clock.now() })
        .execute()
      t.deps.events.raise(clientEvent(1))
    })

    await expect(failing).rejects.toThrow('subscriber failed')
    expect(await storedEvents()).toEqual([])
    expect(await t.deps.database.db.selectFrom('clients').selectAll().execute()).toEqual([])
  })

  it('joins an outer unit: one transaction, one announcement', async () => {
    t = await buildTestApp({ dialect: name })
    const heard: number[] = []
    t.deps.events.onCommitted((events) => heard.push(events.length))

    await t.deps.units.run(async () => {
      t.deps.events.raise(clientEvent(1))
      await t.deps.units.run(async () => t.deps.events.raise(clientEvent(2)))
    })

    expect(heard).toEqual([2])
  })

  it('refuses an event raised outside a unit of work', async () => {
    t = await buildTestApp({ dialect: name })
    expect(() => t.deps.events.raise(clientEvent(1))).toThrow('not inside UnitOfWork.run')
  })

  it('gives concurrent units increasing sequence numbers in commit order', async () => {
    t = await buildTestApp({ dialect: name })
    const announced: number[] = []
    t.deps.events.onCommitted((events) => announced.push(...events.map((event) => event.sequence)))

    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.deps.units.run(async () => {
          t.deps.events.raise(clientEvent(i + 1))
          t.deps.events.raise(clientEvent(i + 100))
        }),
      ),
    )

    expect(announced).toHaveLength(40)
    expect(announced).toEqual([...announced].sort((a, b) => a - b))
  })
})
