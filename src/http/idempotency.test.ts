import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createToken, createUser } from '../../test/factories.js'
import { buildTestApp, createTestDatabase, dialects, type TestApp } from '../../test/harness.js'
import { services } from '../../test/services.js'
import { sha256Hex } from '../platform/secrets.js'

const entryBody = (projectId: number) => ({
  project_id: projectId,
  start_time: '2025-01-10T09:00:00Z',
  end_time: '2025-01-10T10:00:00Z',
  notes: 'once only',
})

describe.each(dialects)('Idempotency-Key on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function setUp() {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const token = await createToken(t.deps, user)
    return { user, project, token }
  }

  const countEntries = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('timeEntries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  function post(token: string, key: string | undefined, body: object, url = '/api/v1/time-entries') {
    const headers = { ...bearer(token), ...(key === undefined ? {} : { 'idempotency-key': key }) }
    return t.app.inject({ method: 'POST', url, headers, payload: body })
  }

  it('replays the first answer to a repeated key and creates nothing more, even after the entry changed', async () => {
    const { project, token } = await setUp()

    const first = await post(token, 'key-1', entryBody(project.id))
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/time-entries/${first.json().time_entry.id}`,
      headers: bearer(token),
    })
    const second = await post(token, '  key-1  ', { ...entryBody(project.id), notes: 'a different body' })

    expect(first.statusCode).toBe(201)
    expect(second.statusCode).toBe(201)
    expect(second.body).toBe(first.body)
    expect(await countEntries()).toBe(0)
  })

  it('answers 50 simultaneous identical requests with one entry and the same response', async () => {
    const { project, token } = await setUp()

    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post(token, 'burst', entryBody(project.id))),
    )

    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]))
    expect(new Set(responses.map((r) => r.body)).size).toBe(1)
    expect(await countEntries()).toBe(1)
  })

  it('keeps keys per token: the same key under another token is independent', async () => {
    const { user, project, token } = await setUp()
    const otherToken = await createToken(t.deps, user)

    await post(token, 'shared', entryBody(project.id))
    const other = await post(otherToken, 'shared', {
      ...entryBody(project.id),
      start_time: '2025-01-10T11:00:00Z',
      end_time: '2025-01-10T12:00:00Z',
    })

    expect(other.statusCode).toBe(201)
    expect(await countEntries()).toBe(2)
  })

  it('does not remember an error, so the client can fix the body and retry with the same key', async () => {
    const { project, token } = await setUp()

    const invalid = await post(token, 'retry', { ...entryBody(project.id), end_time: '2025-01-10T08:00:00Z' })
    const fixed = await post(token, 'retry', entryBody(project.id))

    expect(invalid.statusCode).toBe(400)
    expect(fixed.statusCode).toBe(201)
    expect(await countEntries()).toBe(1)
  })

  it('refuses a key longer than 128 characters and does nothing; a blank key is ignored', async () => {
    const { project, token } = await setUp()

    const tooLong = await post(token, 'k'.repeat(129), entryBody(project.id))
    const blank = await post(token, '   ', entryBody(project.id))

    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { 'Idempotency-Key': ['Idempotency-Key must be at most 128 characters'] },
    })
    expect(blank.statusCode).toBe(201)
    expect(await countEntries()).toBe(1)
  })

  it('forgets a key after 24 hours', async () => {
    const { project, token } = await setUp()

    await post(token, 'daily', entryBody(project.id))
    t.clock.advanceSeconds(24 * 3600)
    const later = await post(token, 'daily', {
      ...entryBody(project.id),
      start_time: '2025-01-11T09:00:00Z',
      end_time: '2025-01-11T10:00:00Z',
    })

    expect(later.statusCode).toBe(201)
    expect(await countEntries()).toBe(2)
  })

  it('takes over a claim abandoned for more than a minute', async () => {
    const { project, token } = await setUp()
    const tokenRow = await t.deps.database.db
      .selectFrom('apiTokens')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    await t.deps.database.db
      .insertInto('idempotencyKeys')
      .values({
        apiTokenId: tokenRow.id,
        scope: 'post:time_entries',
        keyHash: sha256Hex('stuck'),
        state: 'pending',
        createdAt: new Date(t.clock.now().getTime() - 61_000),
      })
      .execute()

    const response = await post(token, 'stuck', entryBody(project.id))

    expect(response.statusCode).toBe(201)
    expect(await countEntries()).toBe(1)
  })

  it('protects every write, not only time-entry creation', async () => {
    const { token } = await setUp()
    const client = await t.app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers: bearer(token),
      payload: { name: 'Once Ltd' },
    })
    const body = { name: 'Once', client_id: client.json().client.id }

    const first = await post(token, 'project', body, '/api/v1/projects')
    const second = await post(token, 'project', body, '/api/v1/projects')
    const projects = await t.deps.database.db
      .selectFrom('projects')
      .select('id')
      .where('name', '=', 'Once')
      .execute()

    expect(first.statusCode).toBe(201)
    expect(second.body).toBe(first.body)
    expect(projects).toHaveLength(1)
  })
})

describe.skipIf(!services.postgresUrl)('Idempotency-Key across two processes on PostgreSQL', () => {
  it('creates one entry for simultaneous repeats sent to two app instances', async () => {
    const database = await createTestDatabase('postgres')
    const a = await buildTestApp({ dialect: 'postgres', database: database.handle })
    const secondHandle = database.connectAgain()
    const b = await buildTestApp({ dialect: 'postgres', database: secondHandle })
    const user = await createUser(a.deps)
    const project = await createProject(a.deps, user)
    const token = await createToken(a.deps, user)
    const send = (app: TestApp) =>
      app.app.inject({
        method: 'POST',
        url: '/api/v1/time-entries',
        headers: { ...bearer(token), 'idempotency-key': 'twin' },
        payload: entryBody(project.id),
      })

    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? a : b)))
    const rows = await a.deps.database.db.selectFrom('timeEntries').select('id').execute()
    await a.close()
    await b.close()
    await database.handle.db.destroy()
    await secondHandle.db.destroy()

    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]))
    expect(new Set(responses.map((r) => r.body)).size).toBe(1)
    expect(rows).toHaveLength(1)
  })
})
