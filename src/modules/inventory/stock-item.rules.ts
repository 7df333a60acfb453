import { AppError } from '../../errors.js'
import { checkMaxLength, cleanText, FieldErrorList } from '../clients/field-values.rules.js'
import { amountHundredths, isFalsy } from './inventory-values.rules.js'
import type { StockItem, StockItemChanges, StockItemFields } from './inventory.types.js'

type OptionalTextKey =
  'description' | 'category' | 'barcode' | 'supplier' | 'supplierSku' | 'imageUrl' | 'notes'
type AmountKey = 'defaultCost' | 'defaultPrice' | 'reorderPoint' | 'reorderQuantity'
type AmountColumn =
  'defaultCostCents' | 'defaultPriceCents' | 'reorderPointHundredths' | 'reorderQuantityHundredths'

/** Trimmed texts, empty → null, with the column limits of the stock_items table. */
const OPTIONAL_TEXTS: { key: OptionalTextKey; field: string; max?: number }[] = [
  { key: 'description', field: 'description' },
  { key: 'category', field: 'category', max: 100 },
  { key: 'barcode', field: 'barcode', max: 100 },
  { key: 'supplier', field: 'supplier', max: 200 },
  { key: 'supplierSku', field: 'supplier_sku', max: 100 },
  { key: 'imageUrl', field: 'image_url', max: 500 },
  { key: 'notes', field: 'notes' },
]

/** Numbers or numeric strings; falsy values and 0 are unset (stored null, api-extended.md §2.2). */
const AMOUNTS: { key: AmountKey; field: string; column: AmountColumn }[] = [
  { key: 'defaultCost', field: 'default_cost', column: 'defaultCostCents' },
  { key: 'defaultPrice', field: 'default_price', column: 'defaultPriceCents' },
  { key: 'reorderPoint', field: 'reorder_point', column: 'reorderPointHundredths' },
  { key: 'reorderQuantity', field: 'reorder_quantity', column: 'reorderQuantityHundredths' },
]

function missing(field: string): AppError {
  return new AppError('invalid', 'bad_request', `Missing required fields: ${field}`)
}

/** A required text that may be changed but not emptied. */
function requiredText(value: string | null | undefined, field: string): string | undefined {
  if (value === undefined) return undefined
  const text = cleanText(value)
  if (!text) throw missing(field)
  return text
}

function amount(errors: FieldErrorList, field: string, value: unknown): number | null | undefined {
  if (value === undefined) return undefined
  if (isFalsy(value)) return null
  const scaled = amountHundredths(value)
  if (scaled === undefined) errors.add(field, 'Not a valid number.')
  return scaled === 0 ? null : scaled
}

function setTexts(fields: StockItemFields, changes: StockItemChanges, errors: FieldErrorList): void {
  for (const { key, field, max } of OPTIONAL_TEXTS) {
    const text = cleanText(fields[key])
    if (text === undefined) continue
    if (max !== undefined) checkMaxLength(errors, field, text, max)
    changes[key] = text
  }
  if (fields.unit !== undefined) {
    changes.unit = cleanText(fields.unit) ?? 'pcs'
    checkMaxLength(errors, 'unit', changes.unit, 20)
  }
  if (fields.currencyCode !== undefined) {
    changes.currencyCode = cleanText(fields.currencyCode)?.toUpperCase() ?? 'EUR'
    checkMaxLength(errors, 'currency_code', changes.currencyCode, 3)
  }
}

/**
 * Validates and normalizes a stock item body (api-extended.md §2.3): SKU trimmed and
 * upper-cased, texts trimmed (empty → null), amounts exact with 0 meaning unset.
 * The SKU is only read on create.
 */
export function toStockItemChanges(fields: StockItemFields, isNew: boolean): StockItemChanges {
  const errors = new FieldErrorList()
  const changes: StockItemChanges = {}
  if (isNew) {
    changes.sku = requiredText(fields.sku, 'sku')?.toUpperCase()
    checkMaxLength(errors, 'sku', changes.sku, 100)
  }
  const name = requiredText(fields.name, 'name')
  if (name !== undefined) changes.name = name
  checkMaxLength(errors, 'name', name, 200)
  setTexts(fields, changes, errors)
  for (const { key, field, column } of AMOUNTS) {
    const value = amount(errors, field, fields[key])
    if (value !== undefined) changes[column] = value
  }
  if (fields.isActive !== undefined) changes.isActive = fields.isActive
  if (fields.isTrackable !== undefined) changes.isTrackable = fields.isTrackable
  errors.throwIfAny()
  return changes
}

/**
 * Low when trackable, with a reorder point, and at least one warehouse row below it; an item
 * without any row is never low (api-extended.md §2.2).
 */
export function isLowStock(item: StockItem): boolean {
  const lowest = item.totals.lowestOnHandHundredths
  return (
    item.isTrackable &&
    item.reorderPointHundredths !== null &&
    lowest !== null &&
    lowest < item.reorderPointHundredths
  )
}
