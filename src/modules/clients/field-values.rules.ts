import { AppError, type FieldErrors } from '../../errors.js'
import { formatScaled, toScaledInteger } from '../../lib/decimal.js'

// Shared by the client and project rules. Error keys are the contract's field names, since
// the `errors` map of a validation failure is part of the wire format (api-core.md §2.3).

/** Collects every field error of one request so they are reported together. */
export class FieldErrorList {
  readonly errors: FieldErrors = {}

  add(field: string, message: string): void {
    ;(this.errors[field] ??= []).push(message)
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw AppError.validation(this.errors)
  }
}

/** Trimmed text, empty → null; an absent value stays absent. */
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** Characters as PostgreSQL's varchar counts them (code points, not UTF-16 units). */
export function characterCount(text: string): number {
  return [...text].length
}

export function checkMaxLength(
  errors: FieldErrorList,
  field: string,
  text: string | null | undefined,
  max: number,
): void {
  if (text && characterCount(text) > max) errors.add(field, `Longer than maximum length ${max}.`)
}

export function rangeMessage(min: number | string, max: number | string): string {
  return `Must be greater than or equal to ${min} and less than or equal to ${max}.`
}

/**
 * Money from a number or decimal text as integer cents, quantized half up; 0 → null
 * (api-core.md §9.4, §10.2). Negative amounts and amounts above `maxCents` are refused.
 */
export function moneyCents(
  errors: FieldErrorList,
  field: string,
  value: number | string | null | undefined,
  maxCents: number,
): number | null | undefined {
  if (value === undefined || value === null) return value
  const cents = toScaledInteger(value, 2)
  if (cents === undefined) {
    errors.add(field, 'Not a valid number.')
    return undefined
  }
  if (cents < 0n || cents > BigInt(maxCents)) {
    errors.add(field, rangeMessage(0, formatScaled(maxCents, 2)))
    return undefined
  }
  return cents === 0n ? null : Number(cents)
}
