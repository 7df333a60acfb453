import type { Redis } from 'ioredis'
import type { Clock } from '../../platform/clock.js'
import type { EventOutbox } from './event-outbox.js'
import type { EventRepository } from './event.repository.js'
import type { RecordedEvent } from './event.types.js'

export type FeedListener = (event: RecordedEvent) => void

export interface EventFeedOptions {
  /** Redis for the cross-process wake-up (REDIS_URL); undefined: this process and polling only. */
  redis: Redis | undefined
  /** Channel name, already carrying the key prefix (channels ignore ioredis' keyPrefix). */
  channel: string
  /** How often the table is read without a wake-up: writes of other processes without Redis. */
  pollMs: number
  /** Events are kept at least this long for resuming streams (webhooks.md §12: ≥ 10 minutes). */
  retentionMs: number
  warn: (message: string, error: unknown) => void
}

const PAGE = 500
const PRUNE_EVERY_MS = 60_000

/**
 * The live feed of committed events of one process, in the shared sequence order.
 *
 * It never trusts a message for content: a wake-up (a commit in this process, a Redis message
 * from another one, or the poll timer) makes it read the outbox after the last sequence it
 * delivered, so every listener gets each event exactly once and in order, whichever process
 * wrote it. The outbox writes events in commit order (EventRepository.lockOrder), so reading
 * "after the last one seen" cannot skip an event that commits later.
 */
export class EventFeed {
  private readonly listeners = new Set<FeedListener>()
  private cursor: number | undefined
  private reading: Promise<void> | undefined
  private again = false
  private timers: NodeJS.Timeout[] = []
  private subscriber: Redis | undefined
  private stopOutbox: (() => void) | undefined

  constructor(
    private readonly events: EventRepository,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly options: EventFeedOptions,
  ) {}

  /** The last sequence delivered to listeners (after `start`). */
  get position(): number {
    return this.cursor ?? 0
  }

  async start(): Promise<void> {
    if (this.cursor !== undefined) return
    this.cursor = await this.events.latestSequence()
    this.stopOutbox = this.outbox.onCommitted((recorded) => this.announceLocally(recorded))
    const { redis, pollMs } = this.options
    if (redis) {
      this.subscriber = redis.duplicate()
      this.subscriber.on('message', () => this.wake())
      this.subscriber.on('error', (error) => this.options.warn('event feed: Redis error', error))
      await this.subscriber.subscribe(this.options.channel)
    }
    this.timers.push(setInterval(() => this.wake(), pollMs).unref())
    this.timers.push(setInterval(() => void this.prune(), PRUNE_EVERY_MS).unref())
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer)
    this.timers = []
    this.stopOutbox?.()
    await this.reading
    if (this.subscriber) await this.subscriber.quit().catch(() => undefined)
    this.subscriber = undefined
  }

  /** Adds a listener of events after the current position; the returned function removes it. */
  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private announceLocally(recorded: RecordedEvent[]): void {
    const { redis, channel } = this.options
    const latest = recorded.at(-1)?.sequence
    if (redis && latest !== undefined)
      redis
        .publish(channel, String(latest))
        .catch((error) => this.options.warn('event feed: publish failed', error))
    this.wake()
  }

  private wake(): void {
    if (this.cursor === undefined) return
    if (this.reading) {
      this.again = true
      return
    }
    this.reading = this.readNew()
      .catch((error) => this.options.warn('event feed: read failed', error))
      .finally(() => {
        this.reading = undefined
        if (this.again) {
          this.again = false
          this.wake()
        }
      })
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const batch = await this.events.listAfter(this.cursor ?? 0, PAGE)
      for (const event of batch) {
        this.cursor = event.sequence
        for (const listener of this.listeners) this.deliver(listener, event)
      }
      if (batch.length < PAGE) return
    }
  }

  private deliver(listener: FeedListener, event: RecordedEvent): void {
    try {
      listener(event)
    } catch (error) {
      this.options.warn('event feed: a listener failed', error)
    }
  }

  private async prune(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - this.options.retentionMs)
    await this.events
      .pruneBefore(cutoff)
      .catch((error) => this.options.warn('event feed: prune failed', error))
  }
}
