import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { ErrorJson, ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import {
  fromCreateQuoteBody,
  fromQuoteListQuery,
  fromUpdateQuoteBody,
  toQuoteJson,
  toQuoteListJson,
  type QuotePresentation,
} from './quote.presenter.js'
import {
  CreateQuoteBody,
  QuoteDeletedJson,
  QuoteIdParams,
  QuoteListJson,
  QuoteListQuery,
  QuoteResponseJson,
  QuoteSavedJson,
  UpdateQuoteBody,
} from './quote.schemas.js'
import type { QuoteService } from './quote.service.js'

export interface QuoteRoutesOptions {
  quotes: QuoteService
  appTimezone: string
}

/** The authentication hook sets the actor on every `api` route. */
function userOf(request: FastifyRequest): User {
  return (request.actor as Actor).user
}

const TAGS = ['Quotes']
const ONE_QUOTE = `/quotes/:id${ID_PATTERN}`

/** `/api/v1/quotes` (api-core.md §15). */
export const quoteRoutes: FastifyPluginAsyncTypebox<QuoteRoutesOptions> = async (app, options) => {
  const { quotes } = options
  const view = (request: FastifyRequest, reply: FastifyReply): QuotePresentation => ({
    write: datetimeWriter(request, reply, options.appTimezone),
    today: quotes.today(),
  })

  app.get(
    '/quotes',
    {
      config: { scope: 'read:quotes' },
      schema: {
        tags: TAGS,
        summary: 'List quotes (own ones unless allowed to see all), newest first',
        querystring: QuoteListQuery,
        response: withErrors({ 200: QuoteListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await quotes.list(userOf(request), fromQuoteListQuery(request.query), page)
      return toQuoteListJson(result, page, view(request, reply))
    },
  )

  app.get(
    ONE_QUOTE,
    {
      config: { scope: 'read:quotes' },
      schema: {
        tags: TAGS,
        summary: 'Get a quote',
        params: QuoteIdParams,
        response: withErrors({ 200: QuoteResponseJson }),
      },
    },
    async (request, reply) => {
      const quote = await quotes.get(userOf(request), Number(request.params.id))
      return { quote: toQuoteJson(quote, view(request, reply)) }
    },
  )

  app.post(
    '/quotes',
    {
      config: { scope: 'write:quotes' },
      schema: {
        tags: TAGS,
        summary: 'Create a draft quote with its lines',
        body: CreateQuoteBody,
        response: withErrors({ 201: QuoteSavedJson, 409: ErrorJson }),
      },
    },
    async (request, reply) => {
      const quote = await quotes.create(userOf(request), fromCreateQuoteBody(request.body))
      return reply
        .code(201)
        .send({ message: 'Quote created successfully', quote: toQuoteJson(quote, view(request, reply)) })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: ONE_QUOTE,
    config: { scope: 'write:quotes' },
    schema: {
      tags: TAGS,
      summary: 'Update a quote (partial); items, when sent, replace every line',
      params: QuoteIdParams,
      body: UpdateQuoteBody,
      response: withErrors({ 200: QuoteSavedJson }),
    },
    handler: async (request, reply) => {
      const quote = await quotes.update(
        userOf(request),
        Number(request.params.id),
        fromUpdateQuoteBody(request.body),
      )
      return { message: 'Quote updated successfully', quote: toQuoteJson(quote, view(request, reply)) }
    },
  })

  app.delete(
    ONE_QUOTE,
    {
      config: { scope: 'write:quotes' },
      schema: {
        tags: TAGS,
        summary: 'Delete a quote and its lines',
        params: QuoteIdParams,
        response: withErrors({ 200: QuoteDeletedJson }),
      },
    },
    async (request) => {
      await quotes.delete(userOf(request), Number(request.params.id))
      return { message: 'Quote deleted successfully' }
    },
  )
}
