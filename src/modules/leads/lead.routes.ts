import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import { fromLeadBody, fromLeadListQuery, toLeadJson, toLeadListJson } from './lead.presenter.js'
import {
  LeadBody,
  LeadDeletedJson,
  LeadIdParams,
  LeadListJson,
  LeadListQuery,
  LeadResponseJson,
  LeadSavedJson,
} from './lead.schemas.js'
import type { LeadService } from './lead.service.js'

export interface LeadRoutesOptions {
  leads: LeadService
  appTimezone: string
}

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

const TAGS = ['Leads']
const ONE_LEAD = `/leads/:id${ID_PATTERN}`
const READ = { scope: 'read:leads', module: 'leads' }
const WRITE = { scope: 'write:leads', module: 'leads' }

/** `/api/v1/leads` (api-extended.md §3.2). */
export const leadRoutes: FastifyPluginAsyncTypebox<LeadRoutesOptions> = async (
  app,
  { leads, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)

  app.get(
    '/leads',
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'List leads (own ones unless administrator), highest score first',
        querystring: LeadListQuery,
        response: withErrors({ 200: LeadListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await leads.list(userOf(request), fromLeadListQuery(request.query), page)
      return toLeadListJson(result, page, writer(request, reply))
    },
  )

  app.get(
    ONE_LEAD,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Get a lead (owner or administrator)',
        params: LeadIdParams,
        response: withErrors({ 200: LeadResponseJson }),
      },
    },
    async (request, reply) => {
      const lead = await leads.get(userOf(request), Number(request.params.id))
      return { lead: toLeadJson(lead, writer(request, reply)) }
    },
  )

  app.post(
    '/leads',
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Create a lead',
        body: LeadBody,
        response: withErrors({ 201: LeadSavedJson }),
      },
    },
    async (request, reply) => {
      const lead = await leads.create(userOf(request), fromLeadBody(request.body))
      return reply
        .code(201)
        .send({ message: 'Lead created successfully', lead: toLeadJson(lead, writer(request, reply)) })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: ONE_LEAD,
    config: WRITE,
    schema: {
      tags: TAGS,
      summary: 'Update a lead (partial; owner or administrator)',
      params: LeadIdParams,
      body: LeadBody,
      response: withErrors({ 200: LeadSavedJson }),
    },
    handler: async (request, reply) => {
      const lead = await leads.update(userOf(request), Number(request.params.id), fromLeadBody(request.body))
      return { message: 'Lead updated successfully', lead: toLeadJson(lead, writer(request, reply)) }
    },
  })

  app.delete(
    ONE_LEAD,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Delete a lead (owner or administrator)',
        params: LeadIdParams,
        response: withErrors({ 200: LeadDeletedJson }),
      },
    },
    async (request) => {
      await leads.delete(userOf(request), Number(request.params.id))
      return { message: 'Lead deleted successfully' }
    },
  )
}
