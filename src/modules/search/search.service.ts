import { AppError } from '../../errors.js'
import type { User } from '../users/user.types.js'
import { visibilityOf } from '../users/visibility.rules.js'
import type { SearchRepository } from './search.repository.js'
import {
  clientResult,
  DOMAIN_ERROR_KEYS,
  entryResult,
  isLongEnough,
  projectResult,
  taskResult,
} from './search.rules.js'
import {
  SEARCH_DOMAINS,
  type SearchDomain,
  type SearchOutcome,
  type SearchRequest,
  type SearchResult,
} from './search.types.js'

/** Told about a domain that failed; the search answers without it. */
export type DomainFailureListener = (domain: SearchDomain, error: unknown) => void

function queryTooShort(): AppError {
  return new AppError('invalid', 'bad_request', 'Query must be at least 2 characters', {
    extra: { results: [], partial: false, errors: {} },
  })
}

/** `GET /api/v1/search` (api-core.md §16): four independent domains, each limited and visibility-filtered. */
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly onDomainFailure: DomainFailureListener = () => undefined,
  ) {}

  /** Searches the requested domains; a domain that fails is reported in `errors` instead of failing the search. */
  async search(user: User, request: SearchRequest): Promise<SearchOutcome> {
    const query = request.query.trim()
    if (!isLongEnough(query)) throw queryTooShort()
    const domains = SEARCH_DOMAINS.filter((domain) => request.domains.includes(domain))
    const settled = await Promise.allSettled(
      domains.map((domain) => this.searchDomain(domain, user, query, request.limit)),
    )
    const outcome: SearchOutcome = { query, results: [], errors: {} }
    settled.forEach((result, index) => {
      const domain = domains[index] as SearchDomain
      if (result.status === 'fulfilled') {
        outcome.results.push(...result.value)
      } else {
        this.onDomainFailure(domain, result.reason)
        outcome.errors[DOMAIN_ERROR_KEYS[domain]] = `Searching ${DOMAIN_ERROR_KEYS[domain]} failed`
      }
    })
    return outcome
  }

  private async searchDomain(
    domain: SearchDomain,
    user: User,
    query: string,
    limit: number,
  ): Promise<SearchResult[]> {
    // Tasks and entries: non-admins see only their own, whatever their role (api-core.md §16).
    const ownOnly = user.isAdmin ? undefined : user.id
    switch (domain) {
      case 'project':
        return (await this.repository.projects(query, limit, visibilityOf(user, 'projects'))).map(
          projectResult,
        )
      case 'task':
        return (await this.repository.tasks(query, limit, visibilityOf(user, 'projects'), ownOnly)).map(
          taskResult,
        )
      case 'client':
        return (await this.repository.clients(query, limit, visibilityOf(user, 'clients'))).map(clientResult)
      case 'entry':
        return (await this.repository.entries(query, limit, ownOnly)).map(entryResult)
    }
  }
}
