import { Type } from '@sinclair/typebox'

/**
 * `POST /time-entries/bulk` (api-core.md §12.9). The fields are checked by the endpoint
 * itself, in the spec's order and with its messages, so the schema only documents them.
 */
export const BulkBody = Type.Object({
  entry_ids: Type.Optional(
    Type.Unknown({ description: 'Non-empty list of entry ids (integers or digit strings)' }),
  ),
  action: Type.Optional(
    Type.Unknown({ description: 'One of delete, set_billable, set_paid, add_tag, remove_tag' }),
  ),
  value: Type.Optional(
    Type.Unknown({
      description: 'set_billable / set_paid: the flag, by truthiness ("false" is true); tag actions: the tag',
    }),
  ),
})

export const BulkResultJson = Type.Object({
  success: Type.Literal(true),
  affected: Type.Integer({ description: 'Entries changed; running entries are skipped' }),
})
