import type { Static } from '@sinclair/typebox'
import type { SearchJson, SearchQuery } from './search.schemas.js'
import { SEARCH_DOMAINS, type SearchDomain, type SearchOutcome, type SearchRequest } from './search.types.js'

const DEFAULT_LIMIT = 10
const MAX_LIMIT = 50

/** Default 10 when not an integer; clamped to 1…50. */
function readLimit(text: string | undefined): number {
  if (text === undefined || !/^\s*[-+]?\d+\s*$/.test(text)) return DEFAULT_LIMIT
  return Math.min(MAX_LIMIT, Math.max(1, Number(text)))
}

/** Absent or blank: every domain; otherwise the known names listed, in any case. */
function readDomains(text: string | undefined): SearchDomain[] {
  if (text === undefined || text.trim() === '') return [...SEARCH_DOMAINS]
  const named = text.split(',').map((name) => name.trim().toLowerCase())
  return SEARCH_DOMAINS.filter((domain) => named.includes(domain))
}

export function fromSearchQuery(query: Static<typeof SearchQuery>): SearchRequest {
  return { query: query.q ?? '', limit: readLimit(query.limit), domains: readDomains(query.types) }
}

export function toSearchJson(outcome: SearchOutcome): Static<typeof SearchJson> {
  return {
    results: outcome.results.map((result) => ({ ...result, category: result.type })),
    query: outcome.query,
    count: outcome.results.length,
    partial: Object.keys(outcome.errors).length > 0,
    errors: outcome.errors,
  }
}
