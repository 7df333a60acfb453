import { AppError, type FieldErrors } from '../../errors.js'
import { formatDate, parseDate } from '../../lib/datetime-input.js'
import type { Visibility } from '../users/visibility.rules.js'
import { parseAmount, QUANTITY, TAX_RATE, UNIT_PRICE, type AmountRule } from './quote-money.rules.js'
import {
  LINE_KINDS,
  type CreateQuoteInput,
  type LineKind,
  type NewQuoteItem,
  type Quote,
  type QuoteChanges,
  type QuoteItemInput,
  type UpdateQuoteInput,
} from './quote.types.js'

const MISSING = 'Missing data for required field.'

function addError(errors: FieldErrors, field: string, message: string): void {
  ;(errors[field] ??= []).push(message)
}

function throwIfAny(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw AppError.validation(errors)
}

function trimToNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim()
  return trimmed ? trimmed : null
}

/** A `YYYY-MM-DD` date, or undefined for anything unparsable (which the contract ignores). */
export function readLenientDate(value: unknown): string | undefined {
  const date = typeof value === 'string' ? parseDate(value) : undefined
  return date && formatDate(date)
}

/** `client_id` and a non-blank `title`, checked first on create (api-core.md §15.3). */
export function assertRequiredFields(input: CreateQuoteInput): { clientId: number; title: string } {
  const errors: FieldErrors = {}
  const title = trimToNull(input.title)
  if (input.clientId === undefined || input.clientId === null) addError(errors, 'client_id', MISSING)
  if (title === null) addError(errors, 'title', MISSING)
  if (Object.keys(errors).length > 0) throw AppError.validation(errors, 'client_id and title are required')
  return { clientId: input.clientId as number, title: title as string }
}

function readAmount(errors: FieldErrors, field: string, value: unknown, rule: AmountRule): number {
  const parsed = parseAmount(value, rule)
  if (parsed.ok) return parsed.scaled
  addError(errors, field, parsed.message)
  return 0
}

function readCurrencyCode(errors: FieldErrors, value: string): string {
  const code = value.trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(code)) addError(errors, 'currency_code', 'Must be a 3-letter currency code.')
  return code
}

function toLineKind(value: unknown): LineKind {
  const kind = typeof value === 'string' ? value.trim().toLowerCase() : ''
  return (LINE_KINDS as readonly string[]).includes(kind) ? (kind as LineKind) : 'item'
}

/** One line: kind-specific fields kept only for their kind, blank descriptions filled (§15.1). */
function normalizeItem(errors: FieldErrors, input: QuoteItemInput, position: number): NewQuoteItem {
  const field = (name: string) => `items[${position}].${name}`
  const lineKind = toLineKind(input.lineKind)
  const displayName = lineKind === 'item' ? null : trimToNull(input.displayName)
  const fallback = lineKind === 'item' ? '-' : (displayName ?? '-')
  return {
    lineKind,
    displayName,
    category: lineKind === 'item' ? null : trimToNull(input.category),
    lineDate: lineKind === 'expense' ? (readLenientDate(input.lineDate) ?? null) : null,
    sku: lineKind === 'good' ? trimToNull(input.sku) : null,
    description: trimToNull(input.description) ?? fallback,
    quantityThousandths: readAmount(
      errors,
      field('quantity'),
      input.quantity === undefined ? 1 : input.quantity,
      QUANTITY,
    ),
    unitPriceCents: readAmount(
      errors,
      field('unit_price'),
      input.unitPrice === undefined ? 0 : input.unitPrice,
      UNIT_PRICE,
    ),
    unit: trimToNull(input.unit),
    position,
  }
}

function normalizeItems(errors: FieldErrors, items: QuoteItemInput[]): NewQuoteItem[] {
  return items.map((item, position) => normalizeItem(errors, item, position))
}

export interface NormalizedQuoteFields {
  description: string | null
  taxRateHundredths: number
  currencyCode: string
  validUntil: string | null
  items: NewQuoteItem[]
}

/** The optional fields of a create, every bad one reported at once. */
export function normalizeNewQuoteFields(input: CreateQuoteInput): NormalizedQuoteFields {
  const errors: FieldErrors = {}
  const fields = {
    description: trimToNull(input.description),
    taxRateHundredths:
      input.taxRate === undefined ? 0 : readAmount(errors, 'tax_rate', input.taxRate, TAX_RATE),
    currencyCode: readCurrencyCode(errors, input.currencyCode ?? 'EUR'),
    validUntil: readLenientDate(input.validUntil) ?? null,
    items: normalizeItems(errors, input.items ?? []),
  }
  throwIfAny(errors)
  return fields
}

/** The changes of an update (partial: absent keys stay), and the replacement lines when `items` is sent. */
export function normalizeQuoteChanges(input: UpdateQuoteInput): {
  changes: QuoteChanges
  items?: NewQuoteItem[]
} {
  const errors: FieldErrors = {}
  const changes: QuoteChanges = {}
  if (input.title !== undefined) {
    const title = trimToNull(input.title)
    if (title === null) addError(errors, 'title', MISSING)
    else changes.title = title
  }
  if (input.description !== undefined) changes.description = trimToNull(input.description)
  if (input.taxRate !== undefined)
    changes.taxRateHundredths = readAmount(errors, 'tax_rate', input.taxRate, TAX_RATE)
  if (input.currencyCode !== undefined) changes.currencyCode = readCurrencyCode(errors, input.currencyCode)
  if (input.status !== undefined) changes.status = input.status
  const validUntil = readLenientDate(input.validUntil)
  if (validUntil !== undefined) changes.validUntil = validUntil
  const items = input.items && normalizeItems(errors, input.items)
  throwIfAny(errors)
  return items ? { changes, items } : { changes }
}

/** True for an id a row can have (a positive `integer` column value); others match nothing. */
export function isStorableId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= 2_147_483_647
}

/** `QUO-YYYYMMDD-` for a local date `YYYY-MM-DD`. */
export function quoteNumberPrefix(localDate: string): string {
  return `QUO-${localDate.replaceAll('-', '')}-`
}

/**
 * The next number of the day: 1 + the highest sequence already used with the prefix,
 * zero-padded to at least 3 digits (compared as numbers: 1000 follows 999).
 */
export function nextQuoteNumber(prefix: string, usedNumbers: string[]): string {
  const sequences = usedNumbers
    .filter((number) => number.startsWith(prefix))
    .map((number) => number.slice(prefix.length))
    .filter((suffix) => /^\d{1,15}$/.test(suffix))
    .map(Number)
  const next = Math.max(0, ...sequences) + 1
  return `${prefix}${String(next).padStart(3, '0')}`
}

/** Admins and holders of view_all_quotes see every quote; others only the ones they created (§8). */
export function canSeeQuote(visibility: Visibility, quote: Pick<Quote, 'createdBy'>): boolean {
  return visibility.scope === 'all' || quote.createdBy === visibility.userId
}

/** `valid_until` set and already past on the app's local `today`. */
export function isExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && today > validUntil
}
