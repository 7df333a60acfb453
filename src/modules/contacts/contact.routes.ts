import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import { fromContactBody, toContactJson } from './contact.presenter.js'
import {
  ClientContactsParams,
  ContactBody,
  ContactDeletedJson,
  ContactIdParams,
  ContactListJson,
  ContactResponseJson,
  ContactSavedJson,
} from './contact.schemas.js'
import type { ContactService } from './contact.service.js'

export interface ContactRoutesOptions {
  contacts: ContactService
  appTimezone: string
}

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

const TAGS = ['Contacts']
const CLIENT_CONTACTS = `/clients/:client_id${ID_PATTERN}/contacts`
const ONE_CONTACT = `/contacts/:id${ID_PATTERN}`
const READ = { scope: 'read:contacts', module: 'contacts' }
const WRITE = { scope: 'write:contacts', module: 'contacts' }

/** `/api/v1/clients/{client_id}/contacts` and `/api/v1/contacts/{id}` (api-extended.md §3.3). */
export const contactRoutes: FastifyPluginAsyncTypebox<ContactRoutesOptions> = async (
  app,
  { contacts, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)

  app.get(
    CLIENT_CONTACTS,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: "List a client's active contacts by name",
        params: ClientContactsParams,
        response: withErrors({ 200: ContactListJson }),
      },
    },
    async (request, reply) => {
      const list = await contacts.listForClient(userOf(request), Number(request.params.client_id))
      const write = writer(request, reply)
      return { contacts: list.map((contact) => toContactJson(contact, write)) }
    },
  )

  app.post(
    CLIENT_CONTACTS,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Create a contact of a client',
        params: ClientContactsParams,
        body: ContactBody,
        response: withErrors({ 201: ContactSavedJson }),
      },
    },
    async (request, reply) => {
      const clientId = Number(request.params.client_id)
      const contact = await contacts.create(userOf(request), clientId, fromContactBody(request.body))
      return reply.code(201).send({
        message: 'Contact created successfully',
        contact: toContactJson(contact, writer(request, reply)),
      })
    },
  )

  app.get(
    ONE_CONTACT,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Get a contact (inactive ones too)',
        params: ContactIdParams,
        response: withErrors({ 200: ContactResponseJson }),
      },
    },
    async (request, reply) => {
      const contact = await contacts.get(userOf(request), Number(request.params.id))
      return { contact: toContactJson(contact, writer(request, reply)) }
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: ONE_CONTACT,
    config: WRITE,
    schema: {
      tags: TAGS,
      summary: 'Update a contact (partial)',
      params: ContactIdParams,
      body: ContactBody,
      response: withErrors({ 200: ContactSavedJson }),
    },
    handler: async (request, reply) => {
      const contact = await contacts.update(
        userOf(request),
        Number(request.params.id),
        fromContactBody(request.body),
      )
      return {
        message: 'Contact updated successfully',
        contact: toContactJson(contact, writer(request, reply)),
      }
    },
  })

  app.delete(
    ONE_CONTACT,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Deactivate a contact (soft delete)',
        params: ContactIdParams,
        response: withErrors({ 200: ContactDeletedJson }),
      },
    },
    async (request) => {
      await contacts.delete(userOf(request), Number(request.params.id))
      return { message: 'Contact deleted successfully' }
    },
  )
}
