import type { Redis } from 'ioredis'
import { randomId } from './secrets.js'

/** A sliding window: at most `limit` hits in any `windowMs` ending now. */
export interface SlidingWindow {
  windowMs: number
  limit: number
}

export interface WindowState {
  limit: number
  /** Hits in (now − windowMs, now], including this one when it was recorded. */
  count: number
  /** Time of the oldest hit still in the window, or null when it is empty. */
  oldestMs: number | null
}

export interface HitResult {
  allowed: boolean
  windows: WindowState[]
}

/** Sliding-window counters; in memory for one process, in Redis for many. */
export interface RateLimitStore {
  /** Atomically counts the key's hits per window and, when every window has room, records one at nowMs. */
  hit(key: string, windows: SlidingWindow[], nowMs: number): Promise<HitResult>
  /** Counts without recording. */
  peek(key: string, windows: SlidingWindow[], nowMs: number): Promise<HitResult>
  /** Records a hit whatever the counts. */
  record(key: string, windows: SlidingWindow[], nowMs: number): Promise<void>
}

/** Seconds until the oldest counted hit leaves the window, at least 1 (for Retry-After). */
export function secondsUntilFree(oldestMs: number | null, windowMs: number, nowMs: number): number {
  if (oldestMs === null) return 1
  return Math.max(1, Math.ceil((oldestMs + windowMs - nowMs) / 1000))
}

function longest(windows: SlidingWindow[]): number {
  return Math.max(...windows.map((w) => w.windowMs))
}

/** A key's hit times, oldest first, and the longest window it is counted in. */
interface KeyHits {
  times: number[]
  windowMs: number
}

const SWEEP_EVERY_OPERATIONS = 10_000

/** Process-local store: one sorted list of hit times per key. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly keys = new Map<string, KeyHits>()
  private operations = 0

  hit(key: string, windows: SlidingWindow[], nowMs: number): Promise<HitResult> {
    const result = this.count(key, windows, nowMs)
    if (result.allowed) this.append(key, windows, nowMs, result)
    return Promise.resolve(result)
  }

  peek(key: string, windows: SlidingWindow[], nowMs: number): Promise<HitResult> {
    return Promise.resolve(this.count(key, windows, nowMs))
  }

  record(key: string, windows: SlidingWindow[], nowMs: number): Promise<void> {
    this.append(key, windows, nowMs)
    return Promise.resolve()
  }

  private count(key: string, windows: SlidingWindow[], nowMs: number): HitResult {
    const times = this.prune(key, longest(windows), nowMs)
    const states = windows.map((w) => {
      const inWindow = times.filter((t) => t > nowMs - w.windowMs && t <= nowMs)
      return { limit: w.limit, count: inWindow.length, oldestMs: inWindow[0] ?? null }
    })
    return { allowed: states.every((s) => s.count < s.limit), windows: states }
  }

  private append(key: string, windows: SlidingWindow[], nowMs: number, result?: HitResult): void {
    const entry = this.keys.get(key) ?? { times: [], windowMs: 0 }
    entry.windowMs = Math.max(entry.windowMs, longest(windows))
    let index = entry.times.length
    while (index > 0 && (entry.times[index - 1] as number) > nowMs) index--
    entry.times.splice(index, 0, nowMs)
    this.keys.set(key, entry)
    for (const state of result?.windows ?? []) {
      state.count += 1
      state.oldestMs ??= nowMs
    }
    if (++this.operations % SWEEP_EVERY_OPERATIONS === 0) this.sweep(nowMs)
  }

  private prune(key: string, windowMs: number, nowMs: number): number[] {
    const times = this.keys.get(key)?.times ?? []
    const firstLive = times.findIndex((t) => t > nowMs - windowMs)
    if (firstLive > 0) times.splice(0, firstLive)
    if (firstLive === -1) times.length = 0
    return times
  }

  /**
   * Forgets keys whose every hit has left that key's own longest window, so memory stays
   * flat. (Each key keeps its own window: a login key's minute must not end a token's hour.)
   */
  private sweep(nowMs: number): void {
    for (const [key, entry] of this.keys) {
      if ((entry.times.at(-1) ?? -Infinity) <= nowMs - entry.windowMs) this.keys.delete(key)
    }
  }
}

// KEYS[1] = sorted set of hit times; ARGV = now, member, mode (hit|peek|record), then windowMs/limit pairs.
const SLIDING_WINDOW_SCRIPT = `
local now = tonumber(ARGV[1])
local longest = 0
for i = 4, #ARGV, 2 do longest = math.max(longest, tonumber(ARGV[i])) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - longest)
local out = {}
local allowed = 1
for i = 4, #ARGV, 2 do
  local from = '(' .. (now - tonumber(ARGV[i]))
  local count = redis.call('ZCOUNT', KEYS[1], from, now)
  if count >= tonumber(ARGV[i + 1]) then allowed = 0 end
  local oldest = redis.call('ZRANGEBYSCORE', KEYS[1], from, now, 'WITHSCORES', 'LIMIT', 0, 1)
  table.insert(out, count)
  table.insert(out, oldest[2] or '-1')
end
local recorded = 0
if ARGV[3] == 'record' or (ARGV[3] == 'hit' and allowed == 1) then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[1], longest)
  recorded = 1
end
table.insert(out, 1, recorded)
table.insert(out, 1, allowed)
return out
`

type ScriptReply = [number, number, ...Array<number | string>]

/** Redis store: one sorted set per key, every operation one atomic Lua script. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  hit(key: string, windows: SlidingWindow[], nowMs: number): Promise<HitResult> {
    return this.run(key, windows, nowMs, 'hit')
  }

  peek(key: string, windows: SlidingWindow[], nowMs: number): Promise<HitResult> {
    return this.run(key, windows, nowMs, 'peek')
  }

  async record(key: string, windows: SlidingWindow[], nowMs: number): Promise<void> {
    await this.run(key, windows, nowMs, 'record')
  }

  private async run(key: string, windows: SlidingWindow[], nowMs: number, mode: string): Promise<HitResult> {
    const args = [nowMs, `${nowMs}-${randomId(8)}`, mode, ...windows.flatMap((w) => [w.windowMs, w.limit])]
    const reply = (await this.redis.eval(
      SLIDING_WINDOW_SCRIPT,
      1,
      `ratelimit:${key}`,
      ...args,
    )) as ScriptReply
    const [allowed, recorded, ...pairs] = reply
    const states = windows.map((w, i) => {
      const oldest = Number(pairs[i * 2 + 1])
      return {
        limit: w.limit,
        count: Number(pairs[i * 2]) + recorded,
        oldestMs: oldest >= 0 ? oldest : recorded ? nowMs : null,
      }
    })
    return { allowed: allowed === 1, windows: states }
  }
}
