import { AppError } from '../../errors.js'
import { cleanText, FieldErrorList } from '../clients/field-values.rules.js'
import { amountHundredths, isAbsent } from './inventory-values.rules.js'
import type { StockMovement } from './inventory.types.js'
import { invalidQuantity, readLenientInteger } from './stock-movement.rules.js'

// POST /inventory/transfers checks and the pairing of transfer movements (api-extended.md §2.7).

const REQUIRED = ['stock_item_id', 'from_warehouse_id', 'to_warehouse_id', 'quantity'] as const

export interface TransferFields {
  stockItemId?: unknown
  fromWarehouseId?: unknown
  toWarehouseId?: unknown
  quantity?: unknown
  notes?: string | null
}

export interface TransferInput {
  stockItemId: number
  fromWarehouseId: number
  toWarehouseId: number
  quantityHundredths: number
  notes: string | null
}

/** A transfer's two movements; the outbound one has the negative quantity. */
export interface TransferPair {
  referenceId: number
  outbound: StockMovement
  inbound: StockMovement
}

/** Check 1: null or absent fields, as a validation error listing each (runs before the schema). */
export function assertTransferPresence(body: Record<string, unknown>): void {
  const missing = REQUIRED.filter((field) => isAbsent(body[field]))
  if (missing.length === 0) return
  const message = `Missing required fields: ${missing.join(', ')}`
  throw AppError.validation(Object.fromEntries(missing.map((field) => [field, ['Required']])), message)
}

/** Checks 2 to 4: a numeric, positive quantity, integer ids, two different warehouses. */
export function toTransferInput(fields: TransferFields): TransferInput {
  const quantityHundredths = amountHundredths(fields.quantity)
  if (quantityHundredths === undefined) throw invalidQuantity()
  const errors = new FieldErrorList()
  const id = (field: string, value: unknown) => {
    const parsed = readLenientInteger(value)
    if (parsed === undefined) errors.add(field, 'Not a valid integer.')
    return parsed ?? 0
  }
  const stockItemId = id('stock_item_id', fields.stockItemId)
  const fromWarehouseId = id('from_warehouse_id', fields.fromWarehouseId)
  const toWarehouseId = id('to_warehouse_id', fields.toWarehouseId)
  errors.throwIfAny()
  if (quantityHundredths <= 0) throw new AppError('invalid', 'bad_request', 'quantity must be positive')
  if (fromWarehouseId === toWarehouseId)
    throw new AppError('invalid', 'bad_request', 'Source and destination warehouses must be different')
  return {
    stockItemId,
    fromWarehouseId,
    toWarehouseId,
    quantityHundredths,
    notes: cleanText(fields.notes) ?? null,
  }
}

/** The pair of a reference's movements; undefined unless there are exactly two. */
export function toTransferPair(referenceId: number, movements: StockMovement[]): TransferPair | undefined {
  if (movements.length !== 2) return undefined
  const [outbound, inbound] = [...movements].sort(
    (a, b) => a.quantityHundredths - b.quantityHundredths || a.id - b.id,
  ) as [StockMovement, StockMovement]
  return { referenceId, outbound, inbound }
}
