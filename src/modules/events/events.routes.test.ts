import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, createTestDatabase, dialects, type TestApp } from '../../../test/harness.js'
import { deleteRedisKeys } from '../../../test/redis-keys.js'
import { services, uniqueName } from '../../../test/services.js'
import { openSse, type SseConnection, type SseFrame } from '../../../test/sse-client.js'
import { FixedClock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'

const isEvent = (name: string) => (frame: SseFrame) => frame.event === name
interface Envelope {
  event_type: string
  user: { id: number | null; username: string | null }
  entity: { type: string; id: number; name: string }
  data: Record<string, unknown>
}
const envelopeOf = (frame: SseFrame) => JSON.parse(frame.data as string) as Envelope

describe.each(dialects)('GET /api/v1/events on $name', ({ name }) => {
  let t: TestApp
  let base: string
  let entries = 0
  const open: SseConnection[] = []

  afterEach(async () => {
    for (const connection of open.splice(0)) connection.close()
    await t?.close()
  })

  async function start() {
    t = await buildTestApp({ dialect: name })
    base = await t.app.listen({ port: 0, host: '127.0.0.1' })
  }

  async function member(role = 'user', scopes?: string[]) {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user, scopes)) }
  }

  async function stream(headers: Record<string, string>, query = '') {
    const connection = await openSse(`${base}/api/v1/events${query}`, headers)
    open.push(connection)
    await connection.waitFor((frame) => frame.retry === '3000')
    return connection
  }

  async function createEntry(headers: Record<string, string>, projectId: number, notes: string) {
    const day = 10 + (entries++ % 18)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/time-entries',
      headers,
      payload: {
        project_id: projectId,
        start_time: `2025-03-${day}T09:${String(notes.length).padStart(2, '0')}:00Z`,
        end_time: `2025-03-${day}T09:${String(notes.length + 1).padStart(2, '0')}:30Z`,
        notes,
      },
    })
    expect(response.statusCode).toBe(201)
    return response.json().time_entry as { id: number }
  }

  async function projectOf(user: User) {
    return createProject(t.deps, user, { name: uniqueName('P') })
  }

  it('answers 401 without a credential', async () => {
    await start()
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/events' })
    expect(response.statusCode).toBe(401)
    expect(response.json().error_code).toBe('unauthorized')
  })

  it('streams a committed time entry as id, event and the envelope on one line', async () => {
    await start()
    const { user, headers } = await member()
    const project = await projectOf(user)
    const connection = await stream(headers)
    expect(connection.status).toBe(200)
    expect(connection.headers['content-type']).toBe('text/event-stream; charset=utf-8')

    const entry = await createEntry(headers, project.id, 'streamed')
    const frame = await connection.waitFor(isEvent('time_entry.created'))

    expect(frame.id).toMatch(/^\d+$/)
    expect(frame.data).not.toContain('\n')
    expect(envelopeOf(frame)).toMatchObject({
      event_type: 'time_entry.created',
      user: { id: user.id, username: user.username },
      entity: { type: 'time_entry', id: entry.id, name: project.name },
      action: 'created',
      description: `Created time entry for ${project.name} - 00:01:30`,
      data: { id: entry.id, notes: 'streamed', start_time: expect.stringMatching(/Z$/) },
    })
  })

  it("sends a user only what they may see; admins see everyone's entries", async () => {
    await start()
    const alice = await member()
    const bob = await member()
    const admin = await member('admin')
    const aliceStream = await stream(alice.headers)
    const bobStream = await stream(bob.headers)
    const adminStream = await stream(admin.headers)

    const entry = await createEntry(alice.headers, (await projectOf(alice.user)).id, 'private')
    const marker = await createEntry(bob.headers, (await projectOf(bob.user)).id, 'bobs')

    const bobsOwn = await bobStream.waitFor((f) => f.event === 'time_entry.created')
    expect(envelopeOf(bobsOwn).entity.id).toBe(marker.id)
    await adminStream.waitFor(
      (f) => f.event === 'time_entry.created' && envelopeOf(f).entity.id === marker.id,
    )
    const adminIds = adminStream.frames
      .filter(isEvent('time_entry.created'))
      .map((f) => envelopeOf(f).entity.id)
    expect(adminIds).toEqual([entry.id, marker.id])
    await aliceStream.waitFor(isEvent('time_entry.created'))
    expect(bobStream.frames.filter(isEvent('time_entry.created'))).toHaveLength(1)
    expect(
      aliceStream.frames.filter(isEvent('time_entry.created')).map((f) => envelopeOf(f).entity.id),
    ).toEqual([entry.id])
  })

  it("sends only events whose subject's read scope the token holds", async () => {
    await start()
    const { user, headers } = await member('user', ['read:projects', 'write:*'])
    const connection = await stream(headers)

    await createEntry(headers, (await projectOf(user)).id, 'hidden')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers,
      payload: { name: 'Visible project', client_id: (await projectOf(user)).clientId },
    })
    expect(created.statusCode).toBe(201)

    await connection.waitFor(isEvent('project.created'))
    expect(connection.frames.filter(isEvent('time_entry.created'))).toEqual([])
  })

  it('replays what was missed after Last-Event-ID (header or query), in order, then continues live', async () => {
    await start()
    const { user, headers } = await member()
    const project = await projectOf(user)
    const first = await stream(headers)
    await createEntry(headers, project.id, 'one')
    const seen = await first.waitFor(isEvent('time_entry.created'))
    first.close()

    const missed = [
      await createEntry(headers, project.id, 'two'),
      await createEntry(headers, project.id, 'three'),
    ]
    const byHeader = await stream({ ...headers, 'last-event-id': seen.id as string })
    const byQuery = await stream(headers, `?last_event_id=${seen.id}`)
    const live = await createEntry(headers, project.id, 'four')

    for (const resumed of [byHeader, byQuery]) {
      await resumed.waitFor((f) => f.event === 'time_entry.created' && envelopeOf(f).entity.id === live.id)
      const ids = resumed.frames.filter(isEvent('time_entry.created')).map((f) => envelopeOf(f).entity.id)
      expect(ids).toEqual([...missed.map((entry) => entry.id), live.id])
      const sequence = resumed.frames.filter((f) => f.id).map((f) => Number(f.id))
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b))
    }
  })

  it('sends stream.reset first for an unknown or pruned Last-Event-ID, then continues live', async () => {
    await start()
    const { user, headers } = await member()
    const connection = await stream({ ...headers, 'last-event-id': '987654' })

    await connection.waitFor(isEvent('stream.reset'))
    expect(connection.frames.find(isEvent('stream.reset'))?.data).toBe('{}')
    await createEntry(headers, (await projectOf(user)).id, 'after reset')
    await connection.waitFor(isEvent('time_entry.created'))
  })

  it('streams to a browser session and closes the stream after the session logs out', async () => {
    await start()
    await createUser(t.deps, { username: 'carol', password: 'carol-password' })
    const login = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/json' },
      payload: { username: 'carol', password: 'carol-password' },
    })
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const connection = await stream({ cookie })
    expect(connection.status).toBe(200)

    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    const csrf = session.json().csrf_token as string
    await t.app.inject({ method: 'POST', url: '/logout', headers: { cookie, 'x-csrf-token': csrf } })

    await expect(
      Promise.race([connection.ended, new Promise((_, fail) => setTimeout(fail, 15_000))]),
    ).resolves.toBe(undefined)
  }, 25_000)
})

describe.skipIf(!services.redisUrl || !services.postgresUrl)(
  'GET /api/v1/events across two processes',
  () => {
    it('delivers an event raised on one instance once to the streams of both, through Redis', async () => {
      const database = await createTestDatabase('postgres')
      const second = database.connectAgain()
      const prefix = `${uniqueName('stint_test')}:`
      const env = { REDIS_URL: services.redisUrl as string, REDIS_KEY_PREFIX: prefix }
      const clock = new FixedClock()
      const a = await buildTestApp({ dialect: 'postgres', database: database.handle, clock, env })
      const b = await buildTestApp({ dialect: 'postgres', database: second, clock, env })
      const connections: SseConnection[] = []
      try {
        const user = await createUser(a.deps)
        const headers = bearer(await createToken(a.deps, user))
        const project = await createProject(a.deps, user)
        for (const instance of [a, b]) {
          const base = await instance.app.listen({ port: 0, host: '127.0.0.1' })
          const connection = await openSse(`${base}/api/v1/events`, headers)
          connections.push(connection)
          await connection.waitFor((frame) => frame.retry === '3000')
        }

        const started = Date.now()
        const response = await a.app.inject({
          method: 'POST',
          url: '/api/v1/time-entries',
          headers,
          payload: {
            project_id: project.id,
            start_time: '2025-03-03T09:00:00Z',
            end_time: '2025-03-03T10:00:00Z',
          },
        })
        expect(response.statusCode).toBe(201)

        for (const connection of connections) await connection.waitFor(isEvent('time_entry.created'), 4_000)
        // Well before the 5 s poll: the wake-up came through Redis.
        expect(Date.now() - started).toBeLessThan(4_000)
        await new Promise((resolve) => setTimeout(resolve, 300))
        for (const connection of connections)
          expect(connection.frames.filter(isEvent('time_entry.created'))).toHaveLength(1)
      } finally {
        for (const connection of connections) connection.close()
        await Promise.all([a.close(), b.close()])
        await Promise.all([database.handle.db.destroy(), second.db.destroy()])
        await deleteRedisKeys(prefix)
      }
    })
  },
)
