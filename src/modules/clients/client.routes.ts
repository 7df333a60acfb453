import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { requireNonBlankField } from '../../http/required-name.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import { fromClientBody, toClientJson, toClientListJson } from './client.presenter.js'
import {
  ClientEnvelopeJson,
  ClientIdParams,
  ClientListJson,
  ClientListQuery,
  ClientSavedJson,
  CreateClientBody,
  MessageJson,
  UpdateClientBody,
} from './client.schemas.js'
import type { ClientService } from './client.service.js'

export interface ClientRoutesOptions {
  clients: ClientService
  appTimezone: string
}

const TAGS = ['Clients']
const NAME_REQUIRED = 'Client name is required'

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

/** `/api/v1/clients…` (api-core.md §10). */
export const clientRoutes: FastifyPluginAsyncTypebox<ClientRoutesOptions> = async (
  app,
  { clients, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)
  const byId = `/clients/:id${ID_PATTERN}`

  app.get(
    '/clients',
    {
      config: { scope: 'read:clients' },
      schema: {
        tags: TAGS,
        summary: 'List the visible clients by name',
        querystring: ClientListQuery,
        response: withErrors({ 200: ClientListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      return toClientListJson(await clients.list(userOf(request), page), page, writer(request, reply))
    },
  )

  app.get(
    byId,
    {
      config: { scope: 'read:clients' },
      schema: {
        tags: TAGS,
        summary: 'Get a client',
        params: ClientIdParams,
        response: withErrors({ 200: ClientEnvelopeJson }),
      },
    },
    async (request, reply) => ({
      client: toClientJson(
        await clients.get(userOf(request), Number(request.params.id)),
        writer(request, reply),
      ),
    }),
  )

  app.post(
    '/clients',
    {
      config: { scope: 'write:clients' },
      preValidation: requireNonBlankField('name', NAME_REQUIRED, true),
      schema: {
        tags: TAGS,
        summary: 'Create a client',
        body: CreateClientBody,
        response: withErrors({ 201: ClientSavedJson }),
      },
    },
    async (request, reply) => {
      const details = await clients.create(userOf(request), fromClientBody(request.body))
      return reply.code(201).send({
        message: 'Client created successfully',
        client: toClientJson(details, writer(request, reply)),
      })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: byId,
    config: { scope: 'write:clients' },
    preValidation: requireNonBlankField('name', NAME_REQUIRED, false),
    schema: {
      tags: TAGS,
      summary: 'Update a client (partial: only the keys sent change)',
      params: ClientIdParams,
      body: UpdateClientBody,
      response: withErrors({ 200: ClientSavedJson }),
    },
    handler: async (request, reply) => {
      const details = await clients.update(
        userOf(request),
        Number(request.params.id),
        fromClientBody(request.body),
      )
      return { message: 'Client updated successfully', client: toClientJson(details, writer(request, reply)) }
    },
  })

  app.delete(
    byId,
    {
      config: { scope: 'write:clients' },
      schema: {
        tags: TAGS,
        summary: 'Archive a client (status inactive; nothing is deleted)',
        params: ClientIdParams,
        response: withErrors({ 200: MessageJson }),
      },
    },
    async (request) => {
      await clients.archive(userOf(request), Number(request.params.id))
      return { message: 'Client archived successfully' }
    },
  )
}
