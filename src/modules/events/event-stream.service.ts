import type { User } from '../users/user.types.js'
import type { EventFeed } from './event-feed.js'
import { scopeAllows, type EventVisibility } from './event-visibility.service.js'
import type { EventRepository } from './event.repository.js'
import type { RecordedEvent } from './event.types.js'

/** Who is listening, and how to tell that their credential still holds. */
export interface StreamViewer {
  user: User
  /** Token scopes; null for a browser session (the user's own rights, unscoped). */
  scopes: string[] | null
  /** The user again when the token or session is still valid, else undefined. */
  recheck(): Promise<User | undefined>
}

/** Where the stream's text goes; `end` closes the connection. */
export interface StreamSink {
  write(text: string): void
  end(): void
}

export interface EventStreamOptions {
  heartbeatMs: number
  recheckMs: number
}

const REPLAY_PAGE = 500

/** One Server-Sent Events frame (webhooks.md §12): id, event name, the envelope on one line. */
export function eventFrame(event: RecordedEvent): string {
  return `id: ${event.sequence}\nevent: ${event.eventType}\ndata: ${JSON.stringify(event.envelope)}\n\n`
}

const RESET_FRAME = 'event: stream.reset\ndata: {}\n\n'

/**
 * The live event stream of webhooks.md §12 for one connection: replay after `Last-Event-ID`,
 * then live events from the feed, each only when the credential's scopes and the user's
 * visibility allow it, in sequence order and never twice; heartbeats; closed soon after the
 * credential stops being valid.
 */
export class EventStreamService {
  private readonly streams = new Set<() => void>()

  constructor(
    private readonly feed: EventFeed,
    private readonly events: EventRepository,
    private readonly visibility: EventVisibility,
    private readonly options: EventStreamOptions,
  ) {}

  /** Ends every open stream (server shutdown); clients reconnect elsewhere with Last-Event-ID. */
  closeAll(): void {
    for (const stop of [...this.streams]) stop()
  }

  /** Starts streaming to `sink`; the returned function stops (the client went away). */
  async open(viewer: StreamViewer, lastEventId: string | undefined, sink: StreamSink): Promise<() => void> {
    await this.feed.start()
    let user = viewer.user
    let lastSent = 0
    let queue = Promise.resolve()
    let closed = false
    const buffered: RecordedEvent[] = []
    let replaying = true

    const send = (event: RecordedEvent) => {
      if (closed || event.sequence <= lastSent) return
      lastSent = event.sequence
      if (!scopeAllows(viewer.scopes, event.subjectType)) return
      queue = queue
        .then(async () => {
          if (!closed && (await this.visibility.maySee(user, event))) sink.write(eventFrame(event))
        })
        .catch(() => stop())
    }
    const unsubscribe = this.feed.subscribe((event) => (replaying ? buffered.push(event) : send(event)))
    const timers = [
      setInterval(() => sink.write(': ping\n\n'), this.options.heartbeatMs),
      setInterval(() => {
        viewer
          .recheck()
          .then((current) => (current ? (user = current) : stop()))
          .catch(() => stop())
      }, this.options.recheckMs),
    ]
    const stop = () => {
      if (closed) return
      closed = true
      this.streams.delete(stop)
      unsubscribe()
      for (const timer of timers) clearInterval(timer)
      sink.end()
    }

    this.streams.add(stop)
    sink.write('retry: 3000\n\n')
    lastSent = this.feed.position
    if (lastEventId !== undefined)
      await this.replay(lastEventId, sink, send, (sequence) => (lastSent = sequence))
    replaying = false
    for (const event of buffered.splice(0)) send(event)
    return stop
  }

  /** Sends what followed `lastEventId`, or a reset when that id is unknown or no longer kept. */
  private async replay(
    lastEventId: string,
    sink: StreamSink,
    send: (event: RecordedEvent) => void,
    rewind: (sequence: number) => void,
  ): Promise<void> {
    const sequence = /^\d{1,15}$/.test(lastEventId.trim()) ? Number(lastEventId.trim()) : undefined
    if (sequence === undefined || !(await this.events.exists(sequence))) {
      sink.write(RESET_FRAME)
      return
    }
    rewind(sequence)
    for (let after = sequence; ;) {
      const page = await this.events.listAfter(after, REPLAY_PAGE)
      for (const event of page) send(event)
      if (page.length < REPLAY_PAGE) return
      after = page.at(-1)?.sequence ?? after
    }
  }
}
