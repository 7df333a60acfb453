/** A decimal number as text: optional sign, digits with an optional fraction, optional exponent. */
export const DECIMAL_PATTERN = '^\\s*[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?\\s*$'

const DECIMAL = /^\s*([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?\s*$/

/** Past this many digits a value is only ever compared with a smaller limit, so it is clamped. */
const MAX_DIGITS = 60

/**
 * The exact value of a decimal (text, or a number through its shortest text form) times
 * 10^places, rounded half up (away from zero) to an integer: ("12.345", 2) → 1235n. Never
 * goes through a binary float. Undefined when the value is not a decimal.
 */
export function toScaledInteger(value: number | string, places: number): bigint | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value
  const match = DECIMAL.exec(text)
  if (!match) return undefined
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match
  if (whole === '' && fraction === '') return undefined
  const digits = (whole + fraction).replace(/^0+/, '')
  const magnitude = digits === '' ? 0n : scale(digits, Number(exponentText) + places - fraction.length)
  return sign === '-' ? -magnitude : magnitude
}

/** `digits` × 10^exponent, rounded half up when the exponent is negative. */
function scale(digits: string, exponent: number): bigint {
  if (exponent >= 0) {
    return digits.length + exponent > MAX_DIGITS
      ? 10n ** BigInt(MAX_DIGITS)
      : BigInt(digits) * 10n ** BigInt(exponent)
  }
  const shift = -exponent
  if (shift > digits.length + 1) return 0n
  const divisor = 10n ** BigInt(shift)
  return (BigInt(digits) + divisor / 2n) / divisor
}

/** An integer scaled by 10^places as fixed-point text: (8500, 2) → "85.00", (-5, 2) → "-0.05". */
export function formatScaled(value: number, places: number): string {
  const digits = Math.abs(value)
    .toString()
    .padStart(places + 1, '0')
  const sign = value < 0 ? '-' : ''
  if (places === 0) return sign + digits
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`
}
