import { tagList } from './time-entry.rules.js'
import type { TimeEntryChanges, TimeEntryView } from './time-entry.types.js'

// Pure rules of POST /time-entries/bulk (api-core.md §12.9).

export const BULK_ACTIONS = ['delete', 'set_billable', 'set_paid', 'add_tag', 'remove_tag'] as const

export type BulkAction = (typeof BULK_ACTIONS)[number]

export const NOTHING_UPDATED =
  'No entries were updated; active (running) time entries cannot be changed with this bulk action'

/** `action` trimmed, when it names a bulk action. */
export function bulkActionOf(action: unknown): BulkAction | undefined {
  const trimmed = typeof action === 'string' ? action.trim() : undefined
  return BULK_ACTIONS.find((known) => known === trimmed)
}

/** Truthiness of a JSON value as the original reads `value`: false, null, 0, "", [] and {} are false; "false" is true. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0
  return Boolean(value)
}

/** The tag of a tag action: `value` trimmed, when it is a non-empty string. */
export function tagOf(value: unknown): string | undefined {
  const tag = typeof value === 'string' ? value.trim() : ''
  return tag === '' ? undefined : tag
}

/** Orders strings by code point, as the original's sort does (UTF-16 order differs past U+FFFF). */
function byCodePoint(a: string, b: string): number {
  const left = [...a]
  const right = [...b]
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const difference = (left[index] as string).codePointAt(0)! - (right[index] as string).codePointAt(0)!
    if (difference !== 0) return difference
  }
  return left.length - right.length
}

/** The entry's tags as a set with `tag` added or removed (case-sensitive), sorted and joined with ", "; null when none are left. */
export function retagged(tags: string | null, tag: string, action: 'add_tag' | 'remove_tag'): string | null {
  const set = new Set(tagList(tags))
  if (action === 'add_tag') set.add(tag)
  else set.delete(tag)
  return set.size === 0 ? null : [...set].sort(byCodePoint).join(', ')
}

/** What an edit action changes on one completed entry; `value` is the flag or the tag. */
export function bulkChanges(
  action: Exclude<BulkAction, 'delete'>,
  value: boolean | string,
  entry: Pick<TimeEntryView, 'tags'>,
): TimeEntryChanges {
  switch (action) {
    case 'set_billable':
      return { billable: value === true }
    case 'set_paid':
      // Marking unpaid also clears the invoice number, as PUT /time-entries/{id} does.
      return value === true ? { paid: true } : { paid: false, invoiceNumber: null }
    case 'add_tag':
    case 'remove_tag':
      return { tags: retagged(entry.tags, String(value), action) }
  }
}
