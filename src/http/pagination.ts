export interface PageRequest {
  page: number
  perPage: number
}

export interface PaginationJsonValue {
  page: number
  per_page: number
  total: number
  pages: number
  has_next: boolean
  has_prev: boolean
  next_page: number | null
  prev_page: number | null
}

function parseInteger(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\s*-?\d+\s*$/.test(raw)) return undefined
  return Number(raw)
}

/** `page` and `per_page` with the original's lenient rules (api-core.md §3). */
export function parsePageRequest(query: { page?: string; per_page?: string }): PageRequest {
  const page = parseInteger(query.page)
  const perPage = parseInteger(query.per_page)
  return {
    page: page === undefined || page < 1 ? 1 : page,
    perPage: perPage === undefined ? 50 : perPage > 100 ? 100 : perPage < 1 ? 20 : perPage,
  }
}

/** The `pagination` object for a page of `total` matching rows. */
export function toPaginationJson(request: PageRequest, total: number): PaginationJsonValue {
  const pages = Math.ceil(total / request.perPage)
  const hasNext = request.page < pages
  const hasPrev = request.page > 1
  return {
    page: request.page,
    per_page: request.perPage,
    total,
    pages,
    has_next: hasNext,
    has_prev: hasPrev,
    next_page: hasNext ? request.page + 1 : null,
    prev_page: hasPrev ? request.page - 1 : null,
  }
}
