import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { requireNonBlankField } from '../../http/required-name.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import {
  fromCreateDealBody,
  fromDealListQuery,
  fromUpdateDealBody,
  toDealJson,
  toDealListJson,
} from './deal.presenter.js'
import { NAME_REQUIRED } from './deal.rules.js'
import {
  CreateDealBody,
  DealDeletedJson,
  DealIdParams,
  DealListJson,
  DealListQuery,
  DealResponseJson,
  DealSavedJson,
  UpdateDealBody,
} from './deal.schemas.js'
import type { DealService } from './deal.service.js'

export interface DealRoutesOptions {
  deals: DealService
  appTimezone: string
}

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

const TAGS = ['Deals']
const ONE_DEAL = `/deals/:id${ID_PATTERN}`
const READ = { scope: 'read:deals', module: 'deals' }
const WRITE = { scope: 'write:deals', module: 'deals' }

/** `/api/v1/deals` (api-extended.md §3.1). */
export const dealRoutes: FastifyPluginAsyncTypebox<DealRoutesOptions> = async (
  app,
  { deals, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)

  app.get(
    '/deals',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'List deals (own ones unless administrator) by expected close date',
        querystring: DealListQuery,
        response: withErrors({ 200: DealListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await deals.list(userOf(request), fromDealListQuery(request.query), page)
      return toDealListJson(result, page, writer(request, reply))
    },
  )

  app.get(
    ONE_DEAL,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Get a deal (owner or administrator)',
        params: DealIdParams,
        response: withErrors({ 200: DealResponseJson }),
      },
    },
    async (request, reply) => {
      const deal = await deals.get(userOf(request), Number(request.params.id))
      return { deal: toDealJson(deal, writer(request, reply)) }
    },
  )

  app.post(
    '/deals',
    {
      config: WRITE,
      preValidation: requireNonBlankField('name', NAME_REQUIRED, true),
      schema: {
        tags: TAGS,
        summary: 'Create a deal',
        body: CreateDealBody,
        response: withErrors({ 201: DealSavedJson }),
      },
    },
    async (request, reply) => {
      const deal = await deals.create(userOf(request), fromCreateDealBody(request.body))
      return reply
        .code(201)
        .send({ message: 'Deal created successfully', deal: toDealJson(deal, writer(request, reply)) })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: ONE_DEAL,
    config: WRITE,
    schema: {
      tags: TAGS,
      summary: 'Update a deal (partial; owner or administrator)',
      params: DealIdParams,
      body: UpdateDealBody,
      response: withErrors({ 200: DealSavedJson }),
    },
    handler: async (request, reply) => {
      const deal = await deals.update(
        userOf(request),
        Number(request.params.id),
        fromUpdateDealBody(request.body),
      )
      return { message: 'Deal updated successfully', deal: toDealJson(deal, writer(request, reply)) }
    },
  })

  app.delete(
    ONE_DEAL,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Delete a deal (owner or administrator)',
        params: DealIdParams,
        response: withErrors({ 200: DealDeletedJson }),
      },
    },
    async (request) => {
      await deals.delete(userOf(request), Number(request.params.id))
      return { message: 'Deal deleted successfully' }
    },
  )
}
