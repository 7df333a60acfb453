import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import { deleteRedisKeys } from '../../test/redis-keys.js'
import { services, uniqueName } from '../../test/services.js'

const ME = '/api/v1/users/me'
const T0_SECONDS = Date.parse('2025-01-15T10:00:00Z') / 1000

/** Every dialect with the in-process store, and SQLite with the Redis store when Redis is there. */
const cases = [
  ...dialects.map(({ name }) => ({ name, store: 'memory' as const })),
  ...(services.redisUrl ? [{ name: 'sqlite' as const, store: 'redis' as const }] : []),
]

describe.each(cases)('per-token rate limits on $name with the $store store', ({ name, store }) => {
  let t: TestApp
  let token: string
  const redisKeyPrefix = `${uniqueName('stint_test')}:`

  afterEach(async () => {
    await t?.close()
    await deleteRedisKeys(redisKeyPrefix)
  })

  async function start(perMinute: string, perHour: string) {
    const redis: Record<string, string> =
      store === 'redis' ? { REDIS_URL: services.redisUrl as string, REDIS_KEY_PREFIX: redisKeyPrefix } : {}
    const limits = { API_TOKEN_RATE_LIMIT_PER_MINUTE: perMinute, API_TOKEN_RATE_LIMIT_PER_HOUR: perHour }
    t = await buildTestApp({ dialect: name, env: { ...limits, ...redis } })
    token = await createToken(t.deps, await createUser(t.deps), ['read:users'])
  }

  function getMe(plain = token) {
    return t.app.inject({ method: 'GET', url: ME, headers: bearer(plain) })
  }

  function rateLimitHeaders(response: { headers: Record<string, unknown> }) {
    const {
      'x-ratelimit-limit': limit,
      'x-ratelimit-remaining': remaining,
      'x-ratelimit-reset': reset,
    } = response.headers
    return { limit, remaining, reset }
  }

  async function statusesAt(offsetsMs: number[]): Promise<number[]> {
    const statuses = []
    for (const offset of offsetsMs) {
      t.clock.set(new Date(T0_SECONDS * 1000 + offset))
      statuses.push((await getMe()).statusCode)
    }
    return statuses
  }

  it('reports the minute window on every accepted response, Reset rounded up to whole seconds', async () => {
    await start('5', '100')
    t.clock.set('2025-01-15T10:00:00.500Z')

    const first = await getMe()
    t.clock.advanceSeconds(1)
    const second = await getMe()

    expect(rateLimitHeaders(first)).toEqual({ limit: '5', remaining: '4', reset: String(T0_SECONDS + 61) })
    expect(rateLimitHeaders(second)).toEqual({ limit: '5', remaining: '3', reset: String(T0_SECONDS + 61) })
  })

  it('reports the hour window when fewer requests remain in it', async () => {
    await start('5', '3')

    const response = await getMe()

    expect(rateLimitHeaders(response)).toEqual({
      limit: '3',
      remaining: '2',
      reset: String(T0_SECONDS + 3600),
    })
  })

  it('reports the minute window when both have as many requests left', async () => {
    await start('3', '3')

    const response = await getMe()

    expect(rateLimitHeaders(response)).toEqual({ limit: '3', remaining: '2', reset: String(T0_SECONDS + 60) })
  })

  it('answers 429 with both limits, both remaining counts and Retry-After once the minute is used up', async () => {
    await start('2', '10')

    const statuses = await statusesAt([0, 10_000])
    t.clock.set(new Date((T0_SECONDS + 20) * 1000))
    const response = await getMe()

    expect(statuses).toEqual([200, 200])
    expect(response.statusCode).toBe(429)
    expect(response.json()).toEqual({
      success: false,
      error: 'Rate limit exceeded',
      message: 'Too many requests for this API token. Try again later.',
      error_code: 'rate_limited',
      limit_per_minute: 2,
      limit_per_hour: 10,
      remaining_per_minute: 0,
      remaining_per_hour: 8,
    })
    expect(response.headers['retry-after']).toBe('40')
    expect(rateLimitHeaders(response)).toEqual({ limit: '2', remaining: '0', reset: String(T0_SECONDS + 60) })
  })

  it('gives the longer wait in Retry-After when both windows are used up', async () => {
    await start('2', '2')
    await statusesAt([0, 0])

    t.clock.set(new Date((T0_SECONDS + 10) * 1000))
    const response = await getMe()

    expect(response.statusCode).toBe(429)
    expect(response.headers['retry-after']).toBe('3590')
    expect(response.json()).toMatchObject({ remaining_per_minute: 0, remaining_per_hour: 0 })
  })

  it('keeps refusing over the hour limit after the minute has passed', async () => {
    await start('10', '2')
    await statusesAt([0, 1000])

    const statuses = await statusesAt([120_000, 3_599_999, 3_600_000])

    expect(statuses).toEqual([429, 429, 200])
  })

  it('does not record rejected requests: one passes as soon as the oldest accepted request leaves', async () => {
    await start('2', '100')

    const statuses = await statusesAt([0, 1000, 30_000, 50_000, 59_999, 60_000, 60_500, 61_000])

    expect(statuses).toEqual([200, 200, 429, 429, 429, 200, 429, 200])
  })

  it('counts only accepted requests as usage', async () => {
    await start('2', '100')

    await statusesAt([0, 1000, 2000, 3000])

    await t.deps.tokens.flushUsage()
    const [stored] = await t.deps.tokens.list()
    expect(stored?.usageCount).toBe(2)
  })

  it('treats limits below 1 as 1', async () => {
    await start('0', '-5')

    const first = await getMe()
    const second = await getMe()

    expect(first.statusCode).toBe(200)
    expect(first.headers['x-ratelimit-limit']).toBe('1')
    expect(second.statusCode).toBe(429)
    expect(second.json()).toMatchObject({ limit_per_minute: 1, limit_per_hour: 1 })
  })

  it('keeps a separate counter for every token', async () => {
    await start('1', '100')
    const other = await createToken(t.deps, await createUser(t.deps), ['read:users'])
    await getMe()

    const response = await getMe(other)

    expect(response.statusCode).toBe(200)
  })

  it('neither limits nor labels the public endpoints, even when they are sent a token', async () => {
    await start('1', '100')

    const info = await t.app.inject({ method: 'GET', url: '/api/v1/info', headers: bearer(token) })
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: bearer(token) })
    const me = await getMe()

    expect(info.headers['x-ratelimit-limit']).toBeUndefined()
    expect(health.headers['x-ratelimit-limit']).toBeUndefined()
    expect(me.statusCode).toBe(200)
  })
})
