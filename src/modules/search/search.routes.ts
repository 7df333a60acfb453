import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Actor } from '../../http/actor.js'
import { withErrors } from '../../http/schemas.js'
import { fromSearchQuery, toSearchJson } from './search.presenter.js'
import { SearchJson, SearchQuery } from './search.schemas.js'
import type { SearchService } from './search.service.js'

export interface SearchRoutesOptions {
  search: SearchService
}

/** `GET /api/v1/search` (api-core.md §16). */
export const searchRoutes: FastifyPluginAsyncTypebox<SearchRoutesOptions> = async (app, { search }) => {
  app.get(
    '/search',
    {
      config: { scope: 'read:projects' },
      schema: {
        tags: ['Search'],
        summary: 'Search projects, tasks, clients and time entries',
        querystring: SearchQuery,
        response: withErrors({ 200: SearchJson }),
      },
    },
    async (request) => {
      const { user } = request.actor as Actor // the authentication hook sets it on every `api` route
      return toSearchJson(await search.search(user, fromSearchQuery(request.query)))
    },
  )
}
