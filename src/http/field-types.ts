import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox'
import { parseDate, parseDatetime } from '../lib/datetime-input.js'

// Body field types with the original's lenient parsing (api-core.md §1.3). The first
// branch of each union names the type, so a failure reads "Not a valid integer." etc.

const TRUE_WORDS = ['true', 'True', 'TRUE', 't', 'T', 'yes', 'Yes', 'YES', 'y', 'Y', 'on', 'On', 'ON', '1']
const FALSE_WORDS = [
  'false',
  'False',
  'FALSE',
  'f',
  'F',
  'no',
  'No',
  'NO',
  'n',
  'N',
  'off',
  'Off',
  'OFF',
  '0',
]

/** An integer: JSON integer, a string of digits (spaces allowed), or a number (truncated toward zero). */
export function IntegerField(options: { description?: string } = {}): TUnsafe<number | string> {
  return Type.Unsafe<number | string>({
    anyOf: [{ type: 'integer' }, { type: 'number' }, { type: 'string', pattern: '^\\s*[-+]?\\d+\\s*$' }],
    ...options,
  })
}

/** A boolean: true/false, 1/0, or one of the original's true/false words. */
export function BooleanField(options: { description?: string } = {}): TUnsafe<boolean | number | string> {
  return Type.Unsafe<boolean | number | string>({
    anyOf: [{ type: 'boolean' }, { enum: [0, 1] }, { type: 'string', enum: [...TRUE_WORDS, ...FALSE_WORDS] }],
    ...options,
  })
}

/** An ISO 8601 datetime (api-core.md §1.2). */
export const DatetimeField = (options: { description?: string } = {}) =>
  Type.String({ format: 'iso-datetime', ...options })

/** A `YYYY-MM-DD` date. */
export const DateField = (options: { description?: string } = {}) =>
  Type.String({ format: 'iso-date', ...options })

/**
 * `schema`, or null. A union gets null as one more branch of its own `anyOf`: nested unions
 * would report every branch ("Not a valid integer.", "Not a valid number.", …) instead of one.
 */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as TSchema[]) : [schema]
  const description = Array.isArray(schema.anyOf) ? schema.description : undefined
  return Type.Unsafe<Static<T> | null>({
    ...(description ? { description } : {}),
    anyOf: [...branches, { type: 'null' }],
  })
}

/** The integer value of a validated IntegerField. */
export function readInteger(value: number | string): number {
  return typeof value === 'number' ? Math.trunc(value) : Number.parseInt(value.trim(), 10)
}

export function readOptionalInteger(value: number | string | null | undefined): number | null | undefined {
  return value === undefined || value === null ? value : readInteger(value)
}

/** The boolean value of a validated BooleanField. */
export function readBoolean(value: boolean | number | string): boolean {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1
  return TRUE_WORDS.includes(value)
}

/** Ajv formats for the field types above; registered once in app.ts. */
export const FIELD_FORMATS = {
  'iso-datetime': (text: string) => parseDatetime(text, 'UTC') !== undefined,
  'iso-date': (text: string) => parseDate(text) !== undefined,
}
