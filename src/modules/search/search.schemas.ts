import { Type } from '@sinclair/typebox'

/** `GET /api/v1/search` query; values are parsed leniently, unknown parameters ignored. */
export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({ description: 'At least 2 characters after trimming; `%` and `_` match literally' }),
  ),
  limit: Type.Optional(Type.String({ description: 'Results per domain: default 10, clamped to 1…50' })),
  types: Type.Optional(
    Type.String({ description: 'Comma-separated subset of project, task, client, entry; default all' }),
  ),
})

export const SearchResultJson = Type.Object({
  type: Type.String(),
  category: Type.String(),
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  url: Type.String(),
  badge: Type.String(),
})

/** The answer of api-core.md §16; `errors` names failed domains (`partial` is then true). */
export const SearchJson = Type.Object({
  results: Type.Array(SearchResultJson),
  query: Type.String(),
  count: Type.Integer(),
  partial: Type.Boolean(),
  errors: Type.Record(Type.String(), Type.String()),
})
