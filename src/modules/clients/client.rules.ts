import { AppError } from '../../errors.js'
import type { ClientStatus } from './client.types.js'
import { checkMaxLength, cleanText, FieldErrorList, moneyCents } from './field-values.rules.js'

/** The largest default hourly rate, 9,999,999.99 (the original's Numeric(9, 2)). */
export const MAX_CLIENT_RATE_CENTS = 999_999_999

const NAME_REQUIRED = 'Client name is required'

/** A client body as sent: only the keys present are set (PUT and PATCH are partial). */
export interface ClientFields {
  name?: string | null
  company?: string | null
  description?: string | null
  contactPerson?: string | null
  email?: string | null
  phone?: string | null
  address?: string | null
  defaultHourlyRate?: number | string | null
  customFields?: Record<string, unknown> | null
  status?: ClientStatus
}

/** What to store: trimmed texts (empty → null), the rate in cents (0 → null). */
export interface ClientChanges {
  name?: string
  company?: string | null
  description?: string | null
  contactPerson?: string | null
  email?: string | null
  phone?: string | null
  address?: string | null
  defaultHourlyRateCents?: number | null
  customFields?: Record<string, unknown>
  status?: ClientStatus
}

type TextKey = 'company' | 'description' | 'contactPerson' | 'email' | 'phone' | 'address'

/** Column limits of the clients table; description and address are unlimited text. */
const TEXT_FIELDS: { key: TextKey; field: string; max?: number }[] = [
  { key: 'company', field: 'company', max: 200 },
  { key: 'description', field: 'description' },
  { key: 'contactPerson', field: 'contact_person', max: 200 },
  { key: 'email', field: 'email', max: 200 },
  { key: 'phone', field: 'phone', max: 50 },
  { key: 'address', field: 'address' },
]

function cleanName(fields: ClientFields, errors: FieldErrorList): string | undefined {
  if (fields.name === undefined) return undefined
  const name = cleanText(fields.name)
  if (!name) throw AppError.validation({ name: [NAME_REQUIRED] }, NAME_REQUIRED)
  checkMaxLength(errors, 'name', name, 200)
  return name
}

/** Validates and normalizes a client body (api-core.md §10.2); throws `validation_error` listing every bad field. */
export function toClientChanges(fields: ClientFields, isNew: boolean): ClientChanges {
  if (isNew && fields.name === undefined) throw AppError.validation({ name: [NAME_REQUIRED] }, NAME_REQUIRED)
  const errors = new FieldErrorList()
  const changes: ClientChanges = {}
  const name = cleanName(fields, errors)
  if (name !== undefined) changes.name = name
  for (const { key, field, max } of TEXT_FIELDS) {
    const text = cleanText(fields[key])
    if (text === undefined) continue
    if (max !== undefined) checkMaxLength(errors, field, text, max)
    changes[key] = text
  }
  const rate = moneyCents(errors, 'default_hourly_rate', fields.defaultHourlyRate, MAX_CLIENT_RATE_CENTS)
  if (rate !== undefined) changes.defaultHourlyRateCents = rate
  if (fields.customFields !== undefined) changes.customFields = fields.customFields ?? {}
  if (fields.status !== undefined) changes.status = fields.status
  errors.throwIfAny()
  return changes
}
