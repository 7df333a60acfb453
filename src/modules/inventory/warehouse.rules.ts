import { AppError } from '../../errors.js'
import { checkMaxLength, cleanText, FieldErrorList } from '../clients/field-values.rules.js'
import type { WarehouseChanges, WarehouseFields } from './inventory.types.js'

type OptionalTextKey = 'address' | 'contactPerson' | 'contactEmail' | 'contactPhone' | 'notes'

/** Trimmed texts, empty → null, with the column limits of the warehouses table. */
const OPTIONAL_TEXTS: { key: OptionalTextKey; field: string; max?: number }[] = [
  { key: 'address', field: 'address' },
  { key: 'contactPerson', field: 'contact_person', max: 200 },
  { key: 'contactEmail', field: 'contact_email', max: 200 },
  { key: 'contactPhone', field: 'contact_phone', max: 50 },
  { key: 'notes', field: 'notes' },
]

function requiredText(value: string | null | undefined, field: string): string | undefined {
  if (value === undefined) return undefined
  const text = cleanText(value)
  if (!text) throw new AppError('invalid', 'bad_request', `Missing required fields: ${field}`)
  return text
}

/** Validates and normalizes a warehouse body (api-extended.md §2.4): code trimmed and upper-cased. */
export function toWarehouseChanges(fields: WarehouseFields): WarehouseChanges {
  const errors = new FieldErrorList()
  const changes: WarehouseChanges = {}
  const name = requiredText(fields.name, 'name')
  const code = requiredText(fields.code, 'code')?.toUpperCase()
  if (name !== undefined) changes.name = name
  if (code !== undefined) changes.code = code
  checkMaxLength(errors, 'name', name, 200)
  checkMaxLength(errors, 'code', code, 50)
  for (const { key, field, max } of OPTIONAL_TEXTS) {
    const text = cleanText(fields[key])
    if (text === undefined) continue
    if (max !== undefined) checkMaxLength(errors, field, text, max)
    changes[key] = text
  }
  if (fields.isActive !== undefined) changes.isActive = fields.isActive
  errors.throwIfAny()
  return changes
}
