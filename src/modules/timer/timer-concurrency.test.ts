import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, createTestDatabase, dialects, type TestApp } from '../../../test/harness.js'
import type { Dependencies } from '../../dependencies.js'

const SIMULTANEOUS = 50

async function runningEntries(deps: Dependencies, userId: number) {
  return deps.database.db
    .selectFrom('timeEntries')
    .select(['id', 'singleTimerOwner'])
    .where('userId', '=', userId)
    .where('endTime', 'is', null)
    .execute()
}

function statusCounts(codes: number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1
  return counts
}

describe.each(dialects)('one running timer under concurrency on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it(`${SIMULTANEOUS} simultaneous starts by one user leave exactly one running timer`, async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const headers = bearer(await createToken(t.deps, user))
    const project = await createProject(t.deps, user)

    const responses = await Promise.all(
      Array.from({ length: SIMULTANEOUS }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/timer/start',
          headers,
          payload: { project_id: project.id },
        }),
      ),
    )

    expect(statusCounts(responses.map((response) => response.statusCode))).toEqual({
      201: 1,
      409: SIMULTANEOUS - 1,
    })
    for (const response of responses.filter((r) => r.statusCode === 409)) {
      expect(response.json().error_code).toBe('timer_already_running')
    }
    expect(await runningEntries(t.deps, user.id)).toEqual([
      { id: expect.any(Number), singleTimerOwner: user.id },
    ])
  })

  it(`${SIMULTANEOUS} simultaneous running entries made with POST /time-entries leave exactly one`, async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const headers = bearer(await createToken(t.deps, user))
    const project = await createProject(t.deps, user)
    const payload = { project_id: project.id, start_time: '2025-01-15T09:00:00Z' }

    const responses = await Promise.all(
      Array.from({ length: SIMULTANEOUS }, () =>
        t.app.inject({ method: 'POST', url: '/api/v1/time-entries', headers, payload }),
      ),
    )

    expect(statusCounts(responses.map((response) => response.statusCode))).toEqual({
      201: 1,
      409: SIMULTANEOUS - 1,
    })
    expect(await runningEntries(t.deps, user.id)).toHaveLength(1)
  })

  it('simultaneous starts by different users each get their own timer', async () => {
    t = await buildTestApp({ dialect: name })
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(t.deps)))
    const requests = await Promise.all(
      users.map(async (user) => ({
        headers: bearer(await createToken(t.deps, user)),
        project: await createProject(t.deps, user),
      })),
    )

    const responses = await Promise.all(
      requests.map(({ headers, project }) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/timer/start',
          headers,
          payload: { project_id: project.id },
        }),
      ),
    )

    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201, 201, 201])
  })

  it('with single_active_timer off, simultaneous starts all run and claim nothing', async () => {
    t = await buildTestApp({ dialect: name, env: { SINGLE_ACTIVE_TIMER: 'false' } })
    const user = await createUser(t.deps)
    const headers = bearer(await createToken(t.deps, user))
    const project = await createProject(t.deps, user)

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/timer/start',
          headers,
          payload: { project_id: project.id },
        }),
      ),
    )

    expect(responses.every((response) => response.statusCode === 201)).toBe(true)
    const running = await runningEntries(t.deps, user.id)
    expect(running).toHaveLength(10)
    expect(running.every((entry) => entry.singleTimerOwner === null)).toBe(true)
  })
})

describe.runIf(dialects.some((dialect) => dialect.name === 'postgres'))(
  'one running timer across two processes',
  () => {
    it(`${SIMULTANEOUS} simultaneous starts split over two app instances on one PostgreSQL database leave one timer`, async () => {
      const database = await createTestDatabase('postgres')
      const secondHandle = database.connectAgain()
      const a = await buildTestApp({ dialect: 'postgres', database: database.handle })
      const b = await buildTestApp({ dialect: 'postgres', database: secondHandle })
      try {
        const user = await createUser(a.deps)
        const headers = bearer(await createToken(a.deps, user))
        const project = await createProject(a.deps, user)
        const start = (app: TestApp) =>
          app.app.inject({
            method: 'POST',
            url: '/api/v1/timer/start',
            headers,
            payload: { project_id: project.id },
          })

        const responses = await Promise.all(
          Array.from({ length: SIMULTANEOUS }, (_, index) => start(index % 2 === 0 ? a : b)),
        )

        expect(statusCounts(responses.map((response) => response.statusCode))).toEqual({
          201: 1,
          409: SIMULTANEOUS - 1,
        })
        expect(await runningEntries(a.deps, user.id)).toHaveLength(1)
      } finally {
        await Promise.all([a.close(), b.close()])
        await Promise.all([database.handle.db.destroy(), secondHandle.db.destroy()])
        await database.drop()
      }
    })
  },
)
