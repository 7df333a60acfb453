import type { FastifyReply } from 'fastify'
import { AppError } from '../errors.js'
import type { Clock } from '../platform/clock.js'
import {
  secondsUntilFree,
  type RateLimitStore,
  type SlidingWindow,
  type WindowState,
} from '../platform/rate-limit-store.js'

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000

export interface TokenLimits {
  perMinute: number
  perHour: number
}

function remaining(state: WindowState): number {
  return Math.max(0, state.limit - state.count)
}

/** Per-token sliding minute and hour windows (api-core.md §5). */
export class TokenRateLimiter {
  private readonly windows: SlidingWindow[]

  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    limits: TokenLimits,
    private readonly warn: (message: string, error: unknown) => void,
  ) {
    // Limits below 1 are treated as 1 (api-core.md §5).
    this.windows = [
      { windowMs: MINUTE_MS, limit: Math.max(1, Math.floor(limits.perMinute)) },
      { windowMs: HOUR_MS, limit: Math.max(1, Math.floor(limits.perHour)) },
    ]
  }

  /** Counts the request or throws 429; sets the X-RateLimit-* headers either way. */
  async consume(tokenId: number, reply: FastifyReply): Promise<void> {
    const now = this.clock.preciseNow()
    let result
    try {
      result = await this.store.hit(`token:${tokenId}`, this.windows, now)
    } catch (error) {
      this.warn('rate-limit store failed; request allowed', error)
      return
    }
    const [minute, hour] = result.windows as [WindowState, WindowState]
    const [reported, reportedMs] = remaining(hour) < remaining(minute) ? [hour, HOUR_MS] : [minute, MINUTE_MS]
    const resetMs = (reported.oldestMs ?? now) + reportedMs
    void reply.headers({
      'X-RateLimit-Limit': String(reported.limit),
      'X-RateLimit-Remaining': String(remaining(reported)),
      'X-RateLimit-Reset': String(Math.ceil(resetMs / 1000)),
    })
    if (!result.allowed) throw this.rejection(minute, hour, now)
  }

  private rejection(minute: WindowState, hour: WindowState, now: number): AppError {
    const waits = [
      minute.count >= minute.limit ? secondsUntilFree(minute.oldestMs, MINUTE_MS, now) : 0,
      hour.count >= hour.limit ? secondsUntilFree(hour.oldestMs, HOUR_MS, now) : 0,
    ]
    return new AppError(
      'rate_limited',
      'rate_limited',
      'Too many requests for this API token. Try again later.',
      {
        error: 'Rate limit exceeded',
        headers: { 'Retry-After': String(Math.max(...waits, 1)) },
        extra: {
          limit_per_minute: minute.limit,
          limit_per_hour: hour.limit,
          remaining_per_minute: remaining(minute),
          remaining_per_hour: remaining(hour),
        },
      },
    )
  }
}
