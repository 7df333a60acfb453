import { AppError } from '../../errors.js'
import { checkMaxLength, cleanText, FieldErrorList } from '../clients/field-values.rules.js'
import {
  amountHundredths,
  isAbsent,
  isFalsy,
  MAX_SCALED_AMOUNT,
  pythonFloat,
  scaledDecimal,
} from './inventory-values.rules.js'
import { MOVEMENT_TYPES, type MovementType, type StockItem } from './inventory.types.js'

// The body checks of POST /inventory/movements and the devalued-cost rules (api-extended.md §2.6).

/** The body as sent; numbers and ids are read here so their failures name the field. */
export interface MovementFields {
  movementType?: unknown
  stockItemId?: unknown
  warehouseId?: unknown
  quantity?: unknown
  unitCost?: unknown
  reason?: string | null
  notes?: string | null
  referenceType?: string | null
  referenceId?: unknown
  devalueEnabled?: unknown
  devalueMethod?: string | null
  devaluePercent?: unknown
  devalueUnitCost?: unknown
}

export interface Devaluation {
  method: string
  percent: unknown
  unitCost: unknown
}

export interface MovementInput {
  movementType: MovementType
  stockItemId: number
  warehouseId: number
  quantityHundredths: number
  unitCostCents: number | null
  reason: string | null
  notes: string | null
  referenceType: string | null
  referenceId: number | null
  /** `devalue_enabled`: only read for return and waste. */
  devalueEnabled: boolean
  /** The devaluation values, read by the devaluation type and by return/waste when enabled. */
  devaluation: Devaluation
}

const TRUE_WORDS = /^(true|t|yes|y|on|1)$/i
const FALSE_WORDS = /^(false|f|no|n|off|0)$/i

function badRequest(message: string): AppError {
  return new AppError('invalid', 'bad_request', message)
}

/** Check 1: `stock_item_id`/`warehouse_id` falsy or `quantity` null/absent (runs before the schema). */
export function assertMovementPresence(body: Record<string, unknown>): void {
  if (isFalsy(body.stock_item_id) || isFalsy(body.warehouse_id) || isAbsent(body.quantity))
    throw badRequest('stock_item_id, warehouse_id, and quantity are required')
}

/** The blanket rule of §0.2 for a quantity that is not a number. */
export function invalidQuantity(): AppError {
  return new AppError('invalid', 'validation_error', 'quantity must be a valid number', {
    errors: { quantity: ['quantity must be a valid number'] },
  })
}

/** An integer as api-core.md §1.3 reads it (JSON number truncated, digit string); undefined otherwise. */
export function readLenientInteger(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined
  if (typeof value !== 'string' || !/^\s*[-+]?\d+\s*$/.test(value)) return undefined
  const parsed = Number(value.trim())
  return Number.isSafeInteger(parsed) ? parsed : undefined
}

function integerField(errors: FieldErrorList, field: string, value: unknown): number {
  const parsed = readLenientInteger(value)
  if (parsed === undefined) errors.add(field, 'Not a valid integer.')
  return parsed ?? 0
}

function optionalCost(errors: FieldErrorList, value: unknown): number | null {
  if (isFalsy(value)) return null
  const cents = amountHundredths(value)
  if (cents === undefined) errors.add('unit_cost', 'Not a valid number.')
  return cents ? cents : null
}

/** `devalue_enabled` as a boolean (api-core.md §1.3 words, any case); undefined when not one. */
function readFlag(value: unknown): boolean | undefined {
  if (value === undefined || value === null) return false
  if (typeof value === 'boolean') return value
  if (value !== 0 && value !== 1 && typeof value !== 'string') return undefined
  const word = String(value).trim()
  if (TRUE_WORDS.test(word)) return true
  return FALSE_WORDS.test(word) ? false : undefined
}

function devaluationOf(fields: MovementFields, errors: FieldErrorList): [boolean, Devaluation] {
  const enabled = readFlag(fields.devalueEnabled)
  if (enabled === undefined) errors.add('devalue_enabled', 'Not a valid boolean.')
  const method = (fields.devalueMethod ?? 'percent').trim().toLowerCase()
  return [enabled ?? false, { method, percent: fields.devaluePercent, unitCost: fields.devalueUnitCost }]
}

/** Checks 2 and on (after presence): quantity, field types, then the movement type. */
export function toMovementInput(fields: MovementFields): MovementInput {
  const quantityHundredths = amountHundredths(fields.quantity)
  if (quantityHundredths === undefined) throw invalidQuantity()
  const errors = new FieldErrorList()
  const stockItemId = integerField(errors, 'stock_item_id', fields.stockItemId)
  const warehouseId = integerField(errors, 'warehouse_id', fields.warehouseId)
  const unitCostCents = optionalCost(errors, fields.unitCost)
  const referenceId = isFalsy(fields.referenceId)
    ? null
    : integerField(errors, 'reference_id', fields.referenceId)
  const reason = cleanText(fields.reason) ?? null
  const referenceType = fields.referenceType ?? null
  checkMaxLength(errors, 'reason', reason, 500)
  checkMaxLength(errors, 'reference_type', referenceType, 50)
  const [devalueEnabled, devaluation] = devaluationOf(fields, errors)
  errors.throwIfAny()
  const type = fields.movementType ?? 'adjustment'
  if (!(MOVEMENT_TYPES as readonly unknown[]).includes(type)) throw badRequest('Invalid movement_type')
  const notes = cleanText(fields.notes) ?? null
  return {
    movementType: type as MovementType,
    ...{ stockItemId, warehouseId, quantityHundredths, unitCostCents, reason, notes, referenceType },
    referenceId,
    devalueEnabled,
    devaluation,
  }
}

/** Which messages a missing devaluation value gets: the devaluation type's, or return/waste's. */
export type DevaluationWording = 'devaluation' | 'return_or_waste'

const REQUIRED_MESSAGES: Record<DevaluationWording, { percent: string; fixed: string }> = {
  devaluation: {
    percent: 'Devaluation percent is required when using percent method',
    fixed: 'New unit cost is required when using fixed cost method',
  },
  return_or_waste: {
    percent: 'Devaluation percent is required when devaluation is enabled',
    fixed: 'New unit cost is required when devaluation is enabled',
  },
}

/** Enough decimals to hold any JSON number's percent exactly. */
const PERCENT_PLACES = 30

function percentCost(baseCents: number, percent: unknown, wording: DevaluationWording): number {
  if (isAbsent(percent)) throw badRequest(REQUIRED_MESSAGES[wording].percent)
  const scaled = scaledDecimal(percent, PERCENT_PLACES)
  if (scaled === undefined) throw badRequest('Invalid devaluation percent value')
  const hundred = 100n * 10n ** BigInt(PERCENT_PLACES)
  if (scaled < 0n || scaled > hundred) throw badRequest('Devaluation percent must be between 0 and 100')
  // base × (100 − percent) / 100, quantized to cents half up; the numerator is never negative.
  const numerator = BigInt(baseCents) * (hundred - scaled)
  return Number((numerator * 2n + hundred) / (2n * hundred))
}

function fixedCost(unitCost: unknown, wording: DevaluationWording): number {
  if (isAbsent(unitCost)) throw badRequest(REQUIRED_MESSAGES[wording].fixed)
  const exact = scaledDecimal(unitCost, PERCENT_PLACES)
  if (exact === undefined) throw badRequest('Invalid unit cost value')
  if (exact < 0n) throw badRequest('Unit cost cannot be negative')
  const cents = amountHundredths(unitCost)
  if (cents === undefined)
    throw AppError.validation({
      devalue_unit_cost: [`Must be less than or equal to ${MAX_SCALED_AMOUNT / 100}.`],
    })
  return cents
}

/** The checks of §2.6.2 that need no stock: trackable, a default cost, then the method. */
export function assertDevaluable(item: StockItem): number {
  if (!item.isTrackable)
    throw badRequest('Stock item is not trackable. Devaluation requires trackable items.')
  return item.defaultCostCents ?? 0
}

/** The devalued unit cost in cents (§2.6.2); `base` is the item's default cost. */
export function devaluedUnitCost(
  item: StockItem,
  devaluation: Devaluation,
  wording: DevaluationWording,
): number {
  const baseCents = assertDevaluable(item)
  if (baseCents <= 0) throw badRequest('Stock item must have a default cost to perform devaluation')
  if (devaluation.method === 'percent') return percentCost(baseCents, devaluation.percent, wording)
  if (devaluation.method === 'fixed') return fixedCost(devaluation.unitCost, wording)
  throw badRequest("Invalid devaluation method. Must be 'percent' or 'fixed'")
}

/** Return and waste may only lower the cost. */
export function assertNotAboveBase(item: StockItem, newCostCents: number): void {
  const baseCents = item.defaultCostCents ?? 0
  if (newCostCents > baseCents)
    throw badRequest(
      `Devaluation cost (${pythonFloat(newCostCents)}) cannot be greater than original cost (${pythonFloat(baseCents)})`,
    )
}

/** `<what>. Available: <on_hand>, Requested: <quantity>` with Python float numbers (§0.3). */
export function insufficientStock(
  what: string,
  onHandHundredths: number,
  requestedHundredths: number,
): AppError {
  return badRequest(
    `Insufficient stock to ${what}. Available: ${pythonFloat(onHandHundredths)}, Requested: ${pythonFloat(requestedHundredths)}`,
  )
}

/** Sign checks of the movement types that have one. */
export function assertQuantitySign(input: MovementInput): void {
  const quantity = input.quantityHundredths
  if (input.movementType === 'devaluation' && quantity <= 0)
    throw badRequest('Devaluation quantity must be positive')
  if (input.movementType === 'return' && quantity <= 0)
    throw badRequest('Return movements must use a positive quantity')
  if (input.movementType === 'waste' && quantity >= 0)
    throw badRequest('Waste movements must use a negative quantity')
}

export { badRequest }
