import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import { sha256Hex } from '../../platform/secrets.js'
import type { IdempotencyRepository, KeyRef, StoredKey } from './idempotency.repository.js'

const LIFETIME_MS = 24 * 3_600_000
const ABANDONED_MS = 60_000
const MAX_KEY_LENGTH = 128

export type Claim = { outcome: 'proceed'; ref: KeyRef } | { outcome: 'replay'; status: number; body: string }

export interface ClaimRequest {
  apiTokenId: number
  scope: string
  rawKey: string
}

/**
 * Idempotency-Key (api-core.md §6), on every write: the first request claims the key
 * atomically; a repeat replays the stored answer; a repeat that arrives while the first
 * is still running waits for its answer (up to `waitMs`) instead of failing.
 */
export class IdempotencyService {
  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly waitMs = 10_000,
  ) {}

  /** The trimmed key, undefined when blank; throws when it is too long. */
  static normalizeKey(raw: string): string | undefined {
    const key = raw.trim()
    if (key === '') return undefined
    if (key.length > MAX_KEY_LENGTH) {
      throw AppError.validation({
        'Idempotency-Key': [`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters`],
      })
    }
    return key
  }

  /** Claims the key, or returns the answer to replay; throws 409 when the first request is still running. */
  async claim(request: ClaimRequest): Promise<Claim> {
    const ref = { apiTokenId: request.apiTokenId, scope: request.scope, keyHash: sha256Hex(request.rawKey) }
    const pollMs = 25
    for (let waited = 0; ; waited += pollMs) {
      if (await this.keys.claim(ref, this.clock.now())) return { outcome: 'proceed', ref }
      const stored = await this.keys.find(ref)
      if (!stored) continue
      const decision = await this.decide(ref, stored)
      if (decision) return decision
      if (waited >= this.waitMs) throw inProgress()
      await this.sleep(pollMs)
    }
  }

  private async decide(ref: KeyRef, stored: StoredKey): Promise<Claim | undefined> {
    const age = this.clock.now().getTime() - stored.createdAt.getTime()
    if (stored.state === 'completed' && age < LIFETIME_MS) {
      return { outcome: 'replay', status: stored.responseStatus ?? 200, body: stored.responseBody ?? '{}' }
    }
    const stale = stored.state === 'completed' || age >= ABANDONED_MS
    if (stale && (await this.keys.takeOver(ref, stored.createdAt, this.clock.now())))
      return { outcome: 'proceed', ref }
    return undefined
  }

  /** Remembers a successful answer; any other answer releases the claim so the client can retry. */
  async finish(ref: KeyRef, status: number, body: string): Promise<void> {
    if (status >= 200 && status < 300) await this.keys.complete(ref, status, body)
    else await this.keys.release(ref)
  }

  async purgeExpired(): Promise<void> {
    await this.keys.deleteOlderThan(new Date(this.clock.now().getTime() - LIFETIME_MS))
  }
}

function inProgress(): AppError {
  return new AppError(
    'conflict',
    'idempotency_in_progress',
    'A request with this Idempotency-Key is already being processed',
    {
      headers: { 'Retry-After': '1' },
    },
  )
}
