import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../test/factories.js'
import {
  buildTestApp,
  createTestDatabase,
  dialects,
  type DialectCase,
  type TestApp,
} from '../../test/harness.js'
import { deleteRedisKeys } from '../../test/redis-keys.js'
import { services, uniqueName } from '../../test/services.js'
import { FixedClock } from '../platform/clock.js'

interface TwoInstances {
  a: TestApp
  b: TestApp
  close(): Promise<void>
}

/** Two app processes, as behind a load balancer: one database, one Redis, one clock. */
async function startTwoInstances(
  dialect: DialectCase['name'],
  env: Record<string, string>,
): Promise<TwoInstances> {
  const sqliteFile =
    dialect === 'sqlite' ? path.join(tmpdir(), `${uniqueName('stint_shared')}.db`) : undefined
  const database = await createTestDatabase(dialect, sqliteFile)
  const secondHandle = database.connectAgain()
  const redisKeyPrefix = `${uniqueName('stint_test')}:`
  const sharedEnv = { REDIS_URL: services.redisUrl as string, REDIS_KEY_PREFIX: redisKeyPrefix, ...env }
  const clock = new FixedClock()
  const a = await buildTestApp({ dialect, database: database.handle, clock, env: sharedEnv })
  const b = await buildTestApp({ dialect, database: secondHandle, clock, env: sharedEnv })
  return {
    a,
    b,
    async close() {
      await Promise.all([a.close(), b.close()])
      await Promise.all([database.handle.db.destroy(), secondHandle.db.destroy()])
      await database.drop()
      if (sqliteFile)
        await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(sqliteFile + suffix, { force: true })))
      await deleteRedisKeys(redisKeyPrefix)
    },
  }
}

describe.skipIf(!services.redisUrl)('limits shared through Redis by two instances', () => {
  describe.each(dialects)('on $name', ({ name }) => {
    let instances: TwoInstances | undefined

    afterEach(async () => {
      await instances?.close()
      instances = undefined
    })

    async function startWithToken(env: Record<string, string>) {
      instances = await startTwoInstances(name, env)
      const token = await createToken(instances.a.deps, await createUser(instances.a.deps), ['read:users'])
      return { ...instances, token }
    }

    it('accepts exactly the per-minute limit of concurrent requests spread over both', async () => {
      const { a, b, token } = await startWithToken({ API_TOKEN_RATE_LIMIT_PER_MINUTE: '10' })

      const responses = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          (i % 2 === 0 ? a : b).app.inject({
            method: 'GET',
            url: '/api/v1/users/me',
            headers: bearer(token),
          }),
        ),
      )

      const statuses = responses.map((r) => r.statusCode)
      expect(statuses.filter((s) => s === 200)).toHaveLength(10)
      expect(statuses.filter((s) => s === 429)).toHaveLength(5)
    })

    it('counts alternating requests on one counter and records usage once per accepted request', async () => {
      const { a, b, token } = await startWithToken({ API_TOKEN_RATE_LIMIT_PER_MINUTE: '10' })
      const responses = []

      for (let i = 0; i < 15; i++) {
        responses.push(
          await (i % 2 === 0 ? a : b).app.inject({
            method: 'GET',
            url: '/api/v1/users/me',
            headers: bearer(token),
          }),
        )
      }

      expect(responses.map((r) => r.statusCode)).toEqual([
        ...Array<number>(10).fill(200),
        ...Array<number>(5).fill(429),
      ])
      expect(responses.slice(0, 10).map((r) => r.headers['x-ratelimit-remaining'])).toEqual([
        '9',
        '8',
        '7',
        '6',
        '5',
        '4',
        '3',
        '2',
        '1',
        '0',
      ])
      await Promise.all([a.deps.tokens.flushUsage(), b.deps.tokens.flushUsage()])
      const [stored] = await a.deps.tokens.list()
      expect(stored?.usageCount).toBe(10)
    })

    it('shares the sign-in throttle of one client IP across both', async () => {
      const { a, b } = await startWithToken({})
      const login = (app: TestApp, password: string) =>
        app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'admin', password },
          remoteAddress: '192.0.2.50',
        })

      for (const app of [a, b, a, b, a]) await login(app, 'wrong-password')
      const onA = await login(a, 'admin-password')
      const onB = await login(b, 'admin-password')

      expect([onA.statusCode, onB.statusCode]).toEqual([429, 429])
    })
  })
})
