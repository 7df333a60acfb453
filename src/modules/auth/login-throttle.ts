import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import { secondsUntilFree, type RateLimitStore } from '../../platform/rate-limit-store.js'

const MINUTE_MS = 60_000

/**
 * Sign-in attempts per client IP per sliding minute, one counter shared by `POST /login`
 * and `POST /api/v1/auth/login` (CONTRACT.md); every attempt counts, success or not.
 */
export class LoginThrottle {
  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    private readonly limitPerMinute: number,
    private readonly warn: (message: string, error: unknown) => void = () => undefined,
  ) {}

  /** Counts one attempt, or throws `rate_limited` with Retry-After when the IP is over the limit. */
  async attempt(ip: string): Promise<void> {
    const now = this.clock.preciseNow()
    let result
    try {
      result = await this.store.hit(`login:${ip}`, [{ windowMs: MINUTE_MS, limit: this.limitPerMinute }], now)
    } catch (error) {
      // Like the per-token limit (api-core.md §5): a failing store must not lock everyone out.
      this.warn('login rate-limit store failed; attempt allowed', error)
      return
    }
    if (result.allowed) return
    const seconds = secondsUntilFree(result.windows[0]?.oldestMs ?? null, MINUTE_MS, now)
    throw new AppError(
      'rate_limited',
      'rate_limited',
      `Too many login attempts, try again in ${seconds} seconds`,
      {
        error: 'Too many login attempts',
        headers: { 'Retry-After': String(seconds) },
      },
    )
  }
}
