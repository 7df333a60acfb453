import type { FastifyReply } from 'fastify'
import { describe, expect, it } from 'vitest'
import { AppError } from '../errors.js'
import { FixedClock } from '../platform/clock.js'
import {
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
} from '../platform/rate-limit-store.js'
import { createRedis } from '../platform/redis.js'
import { TokenRateLimiter } from './rate-limit.js'

/** The only part of a reply the limiter touches: the headers it sets. */
function recordingReply(): { reply: FastifyReply; headers: Record<string, string> } {
  const headers: Record<string, string> = {}
  const reply = { headers: (values: Record<string, string>) => Object.assign(headers, values) }
  return { reply: reply as unknown as FastifyReply, headers }
}

const failingStore: RateLimitStore = {
  hit: () => Promise.reject(new Error('store is down')),
  peek: () => Promise.reject(new Error('store is down')),
  record: () => Promise.reject(new Error('store is down')),
}

function limiterOn(store: RateLimitStore, limits = { perMinute: 1, perHour: 1 }) {
  const warnings: Array<{ message: string; error: unknown }> = []
  const limiter = new TokenRateLimiter(store, new FixedClock(), limits, (message, error) =>
    warnings.push({ message, error }),
  )
  return { limiter, warnings }
}

describe('TokenRateLimiter', () => {
  it('allows the request and logs a warning when the store fails', async () => {
    const { limiter, warnings } = limiterOn(failingStore)
    const { reply, headers } = recordingReply()

    await limiter.consume(1, reply)
    await limiter.consume(1, reply)

    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toEqual({
      message: 'rate-limit store failed; request allowed',
      error: expect.any(Error),
    })
    expect(headers).toEqual({})
  })

  it('allows the request when Redis cannot be reached', async () => {
    const redis = createRedis('redis://127.0.0.1:1', 'stint_unreachable:')
    redis.on('error', () => undefined)
    const { limiter, warnings } = limiterOn(new RedisRateLimitStore(redis))

    await limiter.consume(1, recordingReply().reply)

    redis.disconnect()
    expect(warnings).toHaveLength(1)
  })

  it('treats limits below 1 as 1', async () => {
    const { limiter } = limiterOn(new MemoryRateLimitStore(), { perMinute: 0, perHour: -3 })
    const { reply, headers } = recordingReply()

    await limiter.consume(1, reply)
    const refusal = await limiter.consume(1, reply).catch((error: unknown) => error)

    expect(headers['X-RateLimit-Limit']).toBe('1')
    expect(refusal).toBeInstanceOf(AppError)
    expect((refusal as AppError).options.extra).toMatchObject({ limit_per_minute: 1, limit_per_hour: 1 })
  })
})
