/** The only source of "now"; tests inject a FixedClock. */
export interface Clock {
  /** The current instant, truncated to whole seconds (what gets stored). */
  now(): Date
  /** Milliseconds since the epoch, for sliding windows and durations of work. */
  preciseNow(): number
}

/** Whole-second precision everywhere (api-core.md §1.2): instants are truncated. */
export function truncateToSecond(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

export const systemClock: Clock = {
  now: () => truncateToSecond(new Date()),
  preciseNow: () => Date.now(),
}

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  private current: number

  constructor(start: Date | string = '2025-01-15T10:00:00Z') {
    this.current = new Date(start).getTime()
  }

  now(): Date {
    return truncateToSecond(new Date(this.current))
  }

  preciseNow(): number {
    return this.current
  }

  advanceMilliseconds(milliseconds: number): void {
    this.current += milliseconds
  }

  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000
  }

  set(date: Date | string): void {
    this.current = new Date(date).getTime()
  }
}
