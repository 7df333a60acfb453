import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import {
  fromIsActiveQuery,
  fromWebhookBody,
  toDeliveryJson,
  toDeliveryListJson,
  toWebhookJson,
  toWebhookListJson,
  toWebhookWithSecretJson,
} from './webhook.presenter.js'
import {
  CreateWebhookBody,
  DeliveryListJson,
  DeliveryListQuery,
  EventCatalogueJson,
  MessageJson,
  UpdateWebhookBody,
  WebhookEnvelopeJson,
  WebhookIdParams,
  WebhookListJson,
  WebhookListQuery,
  WebhookSavedJson,
  WebhookTestedJson,
} from './webhook.schemas.js'
import type { WebhookService } from './webhook.service.js'

export interface WebhookRoutesOptions {
  webhooks: WebhookService
  appTimezone: string
}

const TAGS = ['Webhooks']
const READ = 'read:webhooks'
const WRITE = 'write:webhooks'

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

/** `/api/v1/webhooks…` (webhooks.md §1). No module gate applies. */
export const webhookRoutes: FastifyPluginAsyncTypebox<WebhookRoutesOptions> = async (
  app,
  { webhooks, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)
  const byId = `/webhooks/:id${ID_PATTERN}`
  const idOf = (request: { params: { id: string } }) => Number(request.params.id)

  app.get(
    '/webhooks',
    {
      config: { scope: READ },
      schema: {
        tags: TAGS,
        summary: 'List webhooks, newest first (administrators: everyone’s)',
        querystring: WebhookListQuery,
        response: withErrors({ 200: WebhookListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const list = await webhooks.list(userOf(request), fromIsActiveQuery(request.query.is_active), page)
      return toWebhookListJson(list, page, writer(request, reply))
    },
  )

  app.get(
    '/webhooks/events',
    {
      config: { scope: READ },
      schema: {
        tags: TAGS,
        summary: 'The event catalogue',
        response: withErrors({ 200: EventCatalogueJson }),
      },
    },
    async () => ({ events: [...webhooks.catalogue()] }),
  )

  app.post(
    '/webhooks',
    {
      config: { scope: WRITE },
      schema: {
        tags: TAGS,
        summary: 'Create a webhook (the answer shows its secret, once)',
        body: CreateWebhookBody,
        response: withErrors({ 201: WebhookSavedJson }),
      },
    },
    async (request, reply) => {
      const created = await webhooks.create(userOf(request), fromWebhookBody(request.body))
      return reply.code(201).send({
        webhook: toWebhookWithSecretJson(created, writer(request, reply)),
        message: 'Webhook created successfully',
      })
    },
  )

  app.get(
    byId,
    {
      config: { scope: READ },
      schema: {
        tags: TAGS,
        summary: 'Get a webhook',
        params: WebhookIdParams,
        response: withErrors({ 200: WebhookEnvelopeJson }),
      },
    },
    async (request, reply) => ({
      webhook: toWebhookJson(await webhooks.get(userOf(request), idOf(request)), writer(request, reply)),
    }),
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: byId,
    config: { scope: WRITE },
    schema: {
      tags: TAGS,
      summary: 'Update a webhook (partial: only the keys sent change)',
      params: WebhookIdParams,
      body: UpdateWebhookBody,
      response: withErrors({ 200: WebhookSavedJson }),
    },
    handler: async (request, reply) => {
      const updated = await webhooks.update(userOf(request), idOf(request), fromWebhookBody(request.body))
      return {
        webhook: toWebhookWithSecretJson(updated, writer(request, reply)),
        message: 'Webhook updated successfully',
      }
    },
  })

  app.delete(
    byId,
    {
      config: { scope: WRITE },
      schema: {
        tags: TAGS,
        summary: 'Delete a webhook and its deliveries',
        params: WebhookIdParams,
        response: withErrors({ 200: MessageJson }),
      },
    },
    async (request) => {
      await webhooks.delete(userOf(request), idOf(request))
      return { message: 'Webhook deleted successfully' }
    },
  )

  app.get(
    `${byId}/deliveries`,
    {
      config: { scope: READ },
      schema: {
        tags: TAGS,
        summary: 'List a webhook’s deliveries, latest first',
        params: WebhookIdParams,
        querystring: DeliveryListQuery,
        response: withErrors({ 200: DeliveryListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const list = await webhooks.listDeliveries(userOf(request), idOf(request), request.query.status, page)
      return toDeliveryListJson(list, page, writer(request, reply))
    },
  )

  app.post(
    `${byId}/test`,
    {
      config: { scope: WRITE },
      schema: {
        tags: TAGS,
        summary: 'Send webhook.test now and answer after the first attempt',
        params: WebhookIdParams,
        response: withErrors({ 200: WebhookTestedJson }),
      },
    },
    async (request, reply) => ({
      success: true as const,
      delivery: toDeliveryJson(await webhooks.test(userOf(request), idOf(request)), writer(request, reply)),
      message: 'Test webhook sent successfully',
    }),
  )
}
