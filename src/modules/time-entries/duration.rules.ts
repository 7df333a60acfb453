/** The owner's rounding preferences (api-core.md §12.3). */
export interface RoundingPreferences {
  enabled: boolean
  minutes: number
  method: string
}

/**
 * `round2(seconds / 3600)` with half-up rounding on the exact value (api-core.md §1.3):
 * integer arithmetic, never a binary float. 450 s → 0.13, 1350 s → 0.38.
 */
export function round2Hours(seconds: number): number {
  const sign = seconds < 0 ? -1 : 1
  const hundredths = Math.floor((Math.abs(seconds) * 100 + 1800) / 3600)
  return (sign * hundredths) / 100
}

/** `HH:MM:SS`, hours zero-padded to 2 and allowed past 99. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
}

/** Worked seconds between two instants less breaks, floored at 0 (§12.3 step 1). */
export function rawDurationSeconds(start: Date, end: Date, breakSeconds: number): number {
  return Math.max(0, Math.floor((end.getTime() - start.getTime()) / 1000) - breakSeconds)
}

/** Applies the owner's rounding to whole minutes of an interval (§12.3 step 2), exactly. */
export function roundDuration(rawSeconds: number, preferences: RoundingPreferences): number {
  const interval = preferences.minutes
  if (!preferences.enabled || interval <= 1) return rawSeconds
  const unit = interval * 60
  const quotient = Math.floor(rawSeconds / unit)
  const remainder = rawSeconds - quotient * unit
  switch (preferences.method) {
    case 'up':
      return (remainder > 0 ? quotient + 1 : quotient) * unit
    case 'down':
      return quotient * unit
    default:
      return (remainder * 2 >= unit ? quotient + 1 : quotient) * unit
  }
}
