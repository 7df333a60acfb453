// Exact money for quotes (api-core.md §1.3, §15.1): amounts are scaled integers held as
// bigint while computing, and every rounding is half up (away from zero) on the exact value.

/** A decimal input's allowed range, in whole units, and how many decimals are kept. */
export interface AmountRule {
  scale: number
  min: number
  max: number
}

/** Quantities keep 3 decimals (stored in thousandths). */
export const QUANTITY: AmountRule = { scale: 3, min: -1_000_000, max: 1_000_000 }
/** Unit prices keep 2 decimals (stored in cents). */
export const UNIT_PRICE: AmountRule = { scale: 2, min: -10_000_000, max: 10_000_000 }
/** Tax rates are percentages with 2 decimals (stored in hundredths); ≥ 0 [stint]. */
export const TAX_RATE: AmountRule = { scale: 2, min: 0, max: 1_000 }

export type ParsedAmount = { ok: true; scaled: number } | { ok: false; message: string }

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/
/** Exponents beyond this only produce values far outside every AmountRule. */
const MAX_EXPONENT = 40
/** Longer texts are refused before any big-integer work. */
const MAX_TEXT_LENGTH = 100

/** `numerator / divisor` rounded half up, away from zero; `divisor` > 0. */
export function divideHalfUp(numerator: bigint, divisor: bigint): bigint {
  const negative = numerator < 0n
  const magnitude = negative ? -numerator : numerator
  const quotient = (magnitude * 2n + divisor) / (2n * divisor)
  return negative ? -quotient : quotient
}

/**
 * The exact value of a decimal text (`12`, `-0.5`, `2.675`, `1e3`) times 10^scale, rounded
 * half up; undefined when the text is not a decimal number.
 */
export function scaleDecimal(text: string, scale: number): bigint | undefined {
  const trimmed = text.trim()
  if (trimmed.length > MAX_TEXT_LENGTH) return undefined
  const match = DECIMAL.exec(trimmed)
  if (!match) return undefined
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match
  if (whole === '' && fraction === '') return undefined
  const digits = BigInt(whole + fraction)
  const shift = Math.min(Number(exponentText), MAX_EXPONENT) + scale - fraction.length
  const magnitude =
    shift >= 0
      ? digits * 10n ** BigInt(shift)
      : -shift > 400
        ? 0n
        : divideHalfUp(digits, 10n ** BigInt(-shift))
  return sign === '-' ? -magnitude : magnitude
}

function rangeMessage(scaled: bigint, rule: AmountRule): string | undefined {
  const unit = 10n ** BigInt(rule.scale)
  if (scaled < BigInt(rule.min) * unit) return `Must be greater than or equal to ${rule.min}.`
  if (scaled > BigInt(rule.max) * unit) return `Must be less than or equal to ${rule.max}.`
  return undefined
}

/**
 * A number input as the original reads it (`Decimal(str(value))`): a JSON number or a
 * numeric string, scaled to the rule's decimals; otherwise the contract's field message.
 */
export function parseAmount(value: unknown, rule: AmountRule): ParsedAmount {
  if (value === null) return { ok: false, message: 'Field may not be null.' }
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value
        : undefined
  const scaled = text === undefined ? undefined : scaleDecimal(text, rule.scale)
  if (scaled === undefined) return { ok: false, message: 'Not a valid number.' }
  const outOfRange = rangeMessage(scaled, rule)
  return outOfRange ? { ok: false, message: outOfRange } : { ok: true, scaled: Number(scaled) }
}

/** `quantity × unit_price` in cents, rounded half up. */
export function itemTotalCents(quantityThousandths: number, unitPriceCents: number): bigint {
  return divideHalfUp(BigInt(quantityThousandths) * BigInt(unitPriceCents), 1000n)
}

export interface QuoteTotals {
  subtotalCents: bigint
  discountCents: bigint
  subtotalAfterDiscountCents: bigint
  taxCents: bigint
  totalCents: bigint
}

/**
 * The computed amounts of api-core.md §15.1: the subtotal sums the rounded line totals,
 * the API never sets a discount, and the tax is rounded once on the exact product.
 */
export function quoteTotals(
  items: { quantityThousandths: number; unitPriceCents: number }[],
  taxRateHundredths: number,
): QuoteTotals {
  const subtotalCents = items.reduce(
    (sum, item) => sum + itemTotalCents(item.quantityThousandths, item.unitPriceCents),
    0n,
  )
  const discountCents = 0n
  const subtotalAfterDiscountCents = subtotalCents - discountCents
  const taxCents = divideHalfUp(subtotalAfterDiscountCents * BigInt(taxRateHundredths), 10_000n)
  return {
    subtotalCents,
    discountCents,
    subtotalAfterDiscountCents,
    taxCents,
    totalCents: subtotalAfterDiscountCents + taxCents,
  }
}

/** A scaled integer as a JSON number with `scale` decimals (exact below 2^53). */
export function toDecimalNumber(scaled: bigint | number, scale: number): number {
  return Number(scaled) / 10 ** scale
}
