import { Type, type TUnsafe } from '@sinclair/typebox'
import { DECIMAL_PATTERN } from '../lib/decimal.js'

// Flat unions on purpose: a nullable field built as Union([IntegerField(), Null]) nests one
// anyOf in another, and the validation messages then list every inner branch.

const INTEGER_BRANCHES = [
  { type: 'integer' },
  { type: 'number' },
  { type: 'string', pattern: '^\\s*[-+]?\\d+\\s*$' },
]

/** A JSON number or a decimal string such as "85.50" (money, api-core.md §1.3); failures read "Not a valid number.". */
export function DecimalField(options: { description?: string } = {}): TUnsafe<number | string> {
  return Type.Unsafe<number | string>({
    anyOf: [{ type: 'number' }, { type: 'string', pattern: DECIMAL_PATTERN }],
    ...options,
  })
}

/** DecimalField, or null. */
export function NullableDecimalField(
  options: { description?: string } = {},
): TUnsafe<number | string | null> {
  return Type.Unsafe<number | string | null>({
    anyOf: [{ type: 'number' }, { type: 'string', pattern: DECIMAL_PATTERN }, { type: 'null' }],
    ...options,
  })
}

/** The lenient integer of field-types.ts IntegerField, or null. */
export function NullableIntegerField(
  options: { description?: string } = {},
): TUnsafe<number | string | null> {
  return Type.Unsafe<number | string | null>({ anyOf: [...INTEGER_BRANCHES, { type: 'null' }], ...options })
}
