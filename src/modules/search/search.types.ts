/** The searchable domains, in the order their results are listed (api-core.md §16). */
export const SEARCH_DOMAINS = ['project', 'task', 'client', 'entry'] as const
export type SearchDomain = (typeof SEARCH_DOMAINS)[number]

/** A search as asked: the raw `q`, results per domain, and the domains to search. */
export interface SearchRequest {
  query: string
  limit: number
  domains: SearchDomain[]
}

/** One result item; `category` repeats `type` on the wire. */
export interface SearchResult {
  type: SearchDomain
  id: number
  title: string
  description: string
  url: string
  badge: string
}

/** What a search found: the trimmed query, the results in domain order, and failed domains. */
export interface SearchOutcome {
  query: string
  results: SearchResult[]
  /** `projects`, `tasks`, `clients` or `entries` → a short reason, for failed domains only. */
  errors: Record<string, string>
}

export interface ProjectHit {
  id: number
  name: string
  description: string | null
}

export interface TaskHit {
  id: number
  name: string
  status: string
  projectName: string | null
}

export interface ClientHit {
  id: number
  name: string
  description: string | null
  contactPerson: string | null
  email: string | null
}

export interface EntryHit {
  id: number
  notes: string | null
  tags: string | null
  durationSeconds: number | null
  projectName: string | null
  taskName: string | null
}
