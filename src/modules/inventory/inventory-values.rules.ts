import { AppError } from '../../errors.js'
import { toScaledInteger } from '../../lib/decimal.js'
import { parseDate, parseDatetime } from '../../lib/datetime-input.js'
import { endOfLocalDay, startOfLocalDay } from '../../lib/zoned-time.js'
import type { InstantRange } from './inventory.types.js'

// Values shared by the inventory rules: exact decimals (api-extended.md §0.3), the
// "Missing required fields" checks and the date-range rule of §0.4.

/** The largest NUMERIC(10,2) magnitude, in hundredths (or cents). */
export const MAX_SCALED_AMOUNT = 9_999_999_999

/** The largest id a serial column holds; larger ids name nothing. */
const MAX_ID = 2_147_483_647

/**
 * A JSON number or numeric string as an exact integer scaled by 10^places, rounded half up;
 * undefined for anything else (booleans, objects, non-numeric text).
 */
export function scaledDecimal(value: unknown, places: number): bigint | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? toScaledInteger(value, places) : undefined
  return typeof value === 'string' ? toScaledInteger(value, places) : undefined
}

/** A 2-decimal amount within NUMERIC(10,2), as a number of hundredths; undefined otherwise. */
export function amountHundredths(value: unknown): number | undefined {
  const scaled = scaledDecimal(value, 2)
  if (scaled === undefined || scaled > BigInt(MAX_SCALED_AMOUNT) || scaled < -BigInt(MAX_SCALED_AMOUNT))
    return undefined
  return Number(scaled)
}

/** The original's truthiness test for optional amounts: absent, null, false, 0 and "" are unset. */
export function isFalsy(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    (typeof value === 'string' && value.trim() === '')
  )
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null
}

/** `hundredths` as the JSON number with 2 decimals (exact for every stored amount). */
export function fromHundredths(hundredths: number): number {
  return hundredths / 100
}

/** A nullable scaled amount as a JSON number. */
export function optionalAmount(hundredths: number | null): number | null {
  return hundredths === null ? null : hundredths / 100
}

/** An amount as Python prints a float in a message: `5.0`, `2.5`, `0.1` (§0.3). */
export function pythonFloat(hundredths: number): string {
  const text = String(hundredths / 100)
  return Number.isInteger(hundredths / 100) ? `${text}.0` : text
}

/** The 400 `Missing required fields: a, b` of §2.3 and §2.4 (only the missing ones, in order). */
export function assertPresent(body: Record<string, unknown>, fields: readonly string[]): void {
  const missing = fields.filter((field) => isFalsy(body[field]))
  if (missing.length > 0)
    throw new AppError('invalid', 'bad_request', `Missing required fields: ${missing.join(', ')}`)
}

/** An id that can name a row: a positive integer a serial column holds. */
export function isStorableId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_ID
}

/** An integer query parameter; anything else is ignored (undefined). */
export function integerQuery(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[-+]?\d+\s*$/.test(text)) return undefined
  const value = Number(text.trim())
  return Number.isSafeInteger(value) ? value : undefined
}

/** Query text, trimmed; empty reads as absent. */
export function textQuery(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed ? trimmed : undefined
}

/**
 * One bound of the date-range rule (§0.4): a datetime, or a date meaning 00:00 (start) or
 * 23:59:59 (end) app-local; anything else is undefined (ignored).
 */
export function rangeBound(
  text: string | undefined,
  timeZone: string,
  edge: 'start' | 'end',
): Date | undefined {
  if (text === undefined) return undefined
  const instant = parseDatetime(text, timeZone)
  if (instant) return instant
  const date = parseDate(text)
  if (!date) return undefined
  return edge === 'start' ? startOfLocalDay(date, timeZone) : endOfLocalDay(date, timeZone)
}

/** `date_from`/`date_to` by the date-range rule; both inclusive. */
export function dateRange(query: { dateFrom?: string; dateTo?: string }, timeZone: string): InstantRange {
  return {
    from: rangeBound(query.dateFrom, timeZone, 'start'),
    to: rangeBound(query.dateTo, timeZone, 'end'),
  }
}

/** `active_only`: true when absent or `true` in any case; any other value lists everything. */
export function isActiveOnly(text: string | undefined): boolean {
  return text === undefined || text.toLowerCase() === 'true'
}
