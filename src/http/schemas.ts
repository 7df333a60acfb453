import { Type, type TSchema } from '@sinclair/typebox'

/** The error envelope of api-core.md §2; endpoint-specific keys may be added. */
export const ErrorJson = Type.Object(
  {
    success: Type.Literal(false),
    error: Type.String(),
    message: Type.String(),
    error_code: Type.String(),
    errors: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  },
  { additionalProperties: true, description: 'Error envelope (api-core.md §2)' },
)

export const PaginationJson = Type.Object(
  {
    page: Type.Integer(),
    per_page: Type.Integer(),
    total: Type.Integer(),
    pages: Type.Integer(),
    has_next: Type.Boolean(),
    has_prev: Type.Boolean(),
    next_page: Type.Union([Type.Integer(), Type.Null()]),
    prev_page: Type.Union([Type.Integer(), Type.Null()]),
  },
)

/** Adds the error answers every authenticated route can give to its success responses. */
export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 429: ErrorJson, ...responses }
}

/** A path id: positive integer only; anything else does not match the route (404). */
export const ID_PATTERN = '(^\\d+$)'
