import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { deleteRedisKeys } from '../../test/redis-keys.js'
import { services, uniqueName } from '../../test/services.js'
import {
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
  type SlidingWindow,
} from './rate-limit-store.js'
import { createRedis } from './redis.js'

const T0 = Date.parse('2025-01-15T10:00:00Z')
const MINUTE: SlidingWindow = { windowMs: 60_000, limit: 3 }

interface OpenStore {
  store: RateLimitStore
  close(): Promise<void>
}

function openRedisStore(): OpenStore {
  const prefix = `${uniqueName('stint_test')}:`
  const redis = createRedis(services.redisUrl as string, prefix)
  return {
    store: new RedisRateLimitStore(redis),
    close: async () => {
      await redis.quit()
      await deleteRedisKeys(prefix)
    },
  }
}

const stores: Array<{ name: string; open: () => OpenStore }> = [
  { name: 'memory', open: () => ({ store: new MemoryRateLimitStore(), close: async () => undefined }) },
  ...(services.redisUrl ? [{ name: 'redis', open: openRedisStore }] : []),
]

describe.each(stores)('the $name rate-limit store', ({ open }) => {
  let opened: OpenStore
  let store: RateLimitStore

  beforeEach(() => {
    opened = open()
    store = opened.store
  })

  afterEach(async () => opened.close())

  it('allows hits up to the limit and refuses the next, reporting the count and the oldest hit', async () => {
    const results = []

    for (let i = 0; i < 4; i++) results.push(await store.hit('k', [MINUTE], T0 + i * 1000))

    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results.map((r) => r.windows[0])).toEqual([
      { limit: 3, count: 1, oldestMs: T0 },
      { limit: 3, count: 2, oldestMs: T0 },
      { limit: 3, count: 3, oldestMs: T0 },
      { limit: 3, count: 3, oldestMs: T0 },
    ])
  })

  it('does not record a refused hit', async () => {
    const one = [{ windowMs: 60_000, limit: 1 }]
    await store.hit('k', one, T0)
    await store.hit('k', one, T0 + 30_000)

    const later = await store.hit('k', one, T0 + 60_000)

    expect(later.allowed).toBe(true)
    expect(later.windows[0]).toEqual({ limit: 1, count: 1, oldestMs: T0 + 60_000 })
  })

  it('counts a hit for exactly one window length, never a millisecond longer', async () => {
    const one = [{ windowMs: 60_000, limit: 1 }]
    await store.hit('k', one, T0)

    const justBefore = await store.hit('k', one, T0 + 59_999)
    const atTheEdge = await store.hit('k', one, T0 + 60_000)

    expect(justBefore.allowed).toBe(false)
    expect(atTheEdge.allowed).toBe(true)
  })

  it('counts every window separately and refuses when any one is full', async () => {
    const windows = [
      { windowMs: 60_000, limit: 2 },
      { windowMs: 3_600_000, limit: 3 },
    ]
    await store.hit('k', windows, T0)
    await store.hit('k', windows, T0 + 1000)

    const minuteFull = await store.hit('k', windows, T0 + 2000)
    const nextMinute = await store.hit('k', windows, T0 + 61_000)
    const hourFull = await store.hit('k', windows, T0 + 122_000)

    expect(minuteFull.allowed).toBe(false)
    expect(nextMinute.windows).toEqual([
      { limit: 2, count: 1, oldestMs: T0 + 61_000 },
      { limit: 3, count: 3, oldestMs: T0 },
    ])
    expect(hourFull.allowed).toBe(false)
    expect(hourFull.windows).toEqual([
      { limit: 2, count: 0, oldestMs: null },
      { limit: 3, count: 3, oldestMs: T0 },
    ])
  })

  it('peeks without recording, and records whatever the limit', async () => {
    const one = [{ windowMs: 60_000, limit: 1 }]
    const empty = await store.peek('k', one, T0)

    for (let i = 0; i < 3; i++) await store.record('k', one, T0 + i)
    const full = await store.peek('k', one, T0 + 10)

    expect(empty).toEqual({ allowed: true, windows: [{ limit: 1, count: 0, oldestMs: null }] })
    expect(full).toEqual({ allowed: false, windows: [{ limit: 1, count: 3, oldestMs: T0 }] })
  })

  it('keeps every key apart', async () => {
    const one = [{ windowMs: 60_000, limit: 1 }]
    await store.hit('token:1', one, T0)

    const other = await store.hit('token:2', one, T0)

    expect(other.allowed).toBe(true)
  })

  it('lets exactly the limit through when hits arrive at once', async () => {
    const ten = [{ windowMs: 60_000, limit: 10 }]

    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => store.hit('k', ten, T0 + i)))

    expect(results.filter((r) => r.allowed)).toHaveLength(10)
  })

  it('keeps a long window’s hits while many short-window keys come and go', async () => {
    const hour = [{ windowMs: 3_600_000, limit: 1 }]
    const minute = [{ windowMs: 60_000, limit: 1 }]
    await store.hit('token:1', hour, T0)

    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 1000 }, (_, i) => store.record(`login:${batch}-${i}`, minute, T0 + 120_000)),
      )
    }
    const again = await store.hit('token:1', hour, T0 + 120_000)

    expect(again.allowed).toBe(false)
    expect(again.windows[0]).toEqual({ limit: 1, count: 1, oldestMs: T0 })
  })
})

describe.skipIf(!services.redisUrl)('the Redis rate-limit store', () => {
  it('keeps a key under the connection’s prefix, expiring after the longest window', async () => {
    const prefix = `${uniqueName('stint_test')}:`
    const redis = createRedis(services.redisUrl as string, prefix)
    const plain = new Redis(services.redisUrl as string)

    await new RedisRateLimitStore(redis).hit('token:7', [MINUTE, { windowMs: 3_600_000, limit: 5 }], T0)
    const ttl = await plain.pttl(`${prefix}ratelimit:token:7`)

    await Promise.all([redis.quit(), plain.quit()])
    await deleteRedisKeys(prefix)
    expect(ttl).toBeGreaterThan(3_500_000)
    expect(ttl).toBeLessThanOrEqual(3_600_000)
  })
})
