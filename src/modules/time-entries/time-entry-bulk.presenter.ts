import type { Static } from '@sinclair/typebox'
import { AppError } from '../../errors.js'
import { BULK_ACTIONS, bulkActionOf } from './time-entry-bulk.rules.js'
import type { BulkBody, BulkResultJson } from './time-entry-bulk.schemas.js'
import type { BulkInput } from './time-entry-bulk.service.js'

/** A JSON integer, or a string of digits (spaces allowed); booleans and fractions are not. */
function entryIdOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number.parseInt(value.trim(), 10)
  return undefined
}

function readEntryIds(raw: unknown): number[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw AppError.validation({ entry_ids: ['Must be a non-empty list of integer ids'] }, 'Invalid entry_ids')
  }
  const ids = raw.map(entryIdOf)
  if (ids.some((id) => id === undefined)) {
    throw AppError.validation({ entry_ids: ['All entry ids must be integers'] })
  }
  return ids as number[]
}

/** The body → input, with steps 1–3 of api-core.md §12.9 in their order. */
export function fromBulkBody(body: Static<typeof BulkBody>): BulkInput {
  const entryIds = readEntryIds(body.entry_ids)
  const action = bulkActionOf(body.action)
  if (!action) {
    throw AppError.validation(
      { action: [`Must be one of: ${BULK_ACTIONS.join(', ')}.`] },
      'Unsupported action',
    )
  }
  return { entryIds, action, value: body.value }
}

export function toBulkResultJson(affected: number): Static<typeof BulkResultJson> {
  return { success: true, affected }
}
