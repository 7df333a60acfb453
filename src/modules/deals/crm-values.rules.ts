import { divideHalfUp, scaleDecimal } from '../quotes/quote-money.rules.js'

// Values shared by deals, leads and contacts (api-extended.md §3): lenient money, tags,
// the probability rule. Pure, no I/O.

/** NUMERIC(10,2): the largest amount a money column holds, in cents. */
export const MAX_MONEY_CENTS = 9_999_999_999

export const MONEY_RANGE_MESSAGE =
  'Must be greater than or equal to -99999999.99 and less than or equal to 99999999.99.'

/** A money input read as the original does: falsy → null, numeric → cents (0 → null), else invalid. */
export type MoneyReading =
  { kind: 'null' } | { kind: 'cents'; cents: number } | { kind: 'invalid' } | { kind: 'out_of_range' }

function isFalsy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object' && value !== null) return Object.keys(value).length === 0
  return value === undefined || value === null || value === false || value === 0 || value === ''
}

/** Reads an amount given as a JSON number or numeric string, rounded half up to cents. */
export function readMoney(value: unknown): MoneyReading {
  if (isFalsy(value)) return { kind: 'null' }
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value
  const cents = typeof text === 'string' ? scaleDecimal(text, 2) : undefined
  if (cents === undefined) return { kind: 'invalid' }
  if (cents === 0n) return { kind: 'null' }
  const magnitude = cents < 0n ? -cents : cents
  if (magnitude > BigInt(MAX_MONEY_CENTS)) return { kind: 'out_of_range' }
  return { kind: 'cents', cents: Number(cents) }
}

/** An integer 0–100 (JSON integer or digit string), null, or undefined when anything else. */
export function readProbability(value: unknown): number | null | undefined {
  if (value === null) return null
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\+?\d{1,3}\s*$/.test(value)
        ? Number(value)
        : Number.NaN
  return Number.isInteger(number) && number >= 0 && number <= 100 ? number : undefined
}

/** `value × probability / 100` in cents, rounded half up once; 0 without a value or probability. */
export function weightedValueCents(valueCents: number | null, probability: number | null): number {
  if (valueCents === null || probability === null) return 0
  return Number(divideHalfUp(BigInt(valueCents) * BigInt(probability), 100n))
}

/** Stored comma-joined tags as a list, split on `,` without trimming; none → `[]`. */
export function splitTags(tags: string | null): string[] {
  return tags ? tags.split(',') : []
}

/** Cents as a JSON number with 2 decimals. */
export function centsToNumber(cents: number): number {
  return cents / 100
}
