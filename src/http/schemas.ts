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

export const PaginationJson = Type.Object({
  page: Type.Integer(),
  per_page: Type.Integer(),
  total: Type.Integer(),
  pages: Type.Integer(),
  has_next: Type.Boolean(),
  has_prev: Type.Boolean(),
  next_page: Type.Union([Type.Integer(), Type.Null()]),
  prev_page: Type.Union([Type.Integer(), Type.Null()]),
})

/** Adds the error answers every authenticated route can give to its success responses. */
export function withErrors<T extends Record<number, TSchema>>(responses: T) {
  return { 400: ErrorJson, 401: ErrorJson, 403: ErrorJson, 404: ErrorJson, 429: ErrorJson, ...responses }
}

/**
 * A path id: a positive integer no larger than 2147483647, the largest id a `serial`
 * column holds; anything else does not match the route (404). A larger number would
 * otherwise reach PostgreSQL and fail there as "out of range" (a 500).
 */
export const ID_PATTERN =
  '(^0*(?:[1-9]\\d{0,8}|1\\d{9}|20\\d{8}|21[0-3]\\d{7}|214[0-6]\\d{6}|2147[0-3]\\d{5}|21474[0-7]\\d{4}|214748[0-2]\\d{3}|2147483[0-5]\\d{2}|21474836[0-3]\\d|214748364[0-7])$)'
