import type { TimeEntryView } from './time-entry.types.js'

export type TimeEntryEventKind =
  | 'time_entry.created'
  | 'time_entry.updated'
  | 'time_entry.deleted'
  | 'timer.started'
  | 'timer.stopped'
  | 'timer.paused'
  | 'timer.resumed'

/** A committed change of one entry; `entry` is its state after the change (before, for a delete). */
export interface TimeEntryEvent {
  kind: TimeEntryEventKind
  entry: TimeEntryView
  actorId: number
}

export type TimeEntryListener = (event: TimeEntryEvent) => void

/**
 * In-process fan-out of committed time-entry changes, published by TimeEntryService and
 * TimerService after each write; webhooks and live events subscribe here. Listeners run
 * synchronously after the write and must not throw (hand work off to a queue instead).
 */
export class TimeEntryEvents {
  private readonly listeners = new Set<TimeEntryListener>()

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: TimeEntryListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  publish(event: TimeEntryEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
