import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { registerLenientJsonBodies } from '../../http/body-parsing.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest, toPaginationJson } from '../../http/pagination.js'
import { ErrorJson, ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { Clock } from '../../platform/clock.js'
import {
  fromCreateBody,
  fromListQuery,
  fromUpdateBody,
  toTimeEntryJson,
  type TimeEntryPresentation,
} from './time-entry.presenter.js'
import {
  CreateTimeEntryBody,
  MessageJson,
  TimeEntryEnvelopeJson,
  TimeEntryIdParams,
  TimeEntryListJson,
  TimeEntryListQuery,
  TimeEntryMessageJson,
  UpdateTimeEntryBody,
} from './time-entry.schemas.js'
import type { TimeEntryService } from './time-entry.service.js'

export interface TimeEntryRoutesOptions {
  entries: TimeEntryService
  clock: Clock
  appTimezone: string
}

const TAGS = ['Time entries']

/** The authenticated user; the authentication hook sets the actor on every `api` route. */
const actingUser = (request: FastifyRequest) => (request.actor as Actor).user

/** `/api/v1/time-entries…` (api-core.md §12.5–§12.7). */
export const timeEntryRoutes: FastifyPluginAsyncTypebox<TimeEntryRoutesOptions> = async (app, options) => {
  const { entries } = options
  const view = (request: FastifyRequest, reply: FastifyReply): TimeEntryPresentation => ({
    write: datetimeWriter(request, reply, options.appTimezone),
    now: options.clock.now(),
  })

  app.get(
    '/time-entries',
    {
      config: { scope: 'read:time_entries' },
      schema: {
        tags: TAGS,
        summary: 'List time entries',
        querystring: TimeEntryListQuery,
        response: withErrors({ 200: TimeEntryListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await entries.list(
        actingUser(request),
        fromListQuery(request.query, options.appTimezone),
        page,
      )
      const present = view(request, reply)
      return {
        time_entries: result.entries.map((entry) => toTimeEntryJson(entry, present)),
        pagination: toPaginationJson(page, result.total),
      }
    },
  )

  app.get(
    `/time-entries/:id${ID_PATTERN}`,
    {
      config: { scope: 'read:time_entries' },
      schema: {
        tags: TAGS,
        summary: 'Get a time entry',
        params: TimeEntryIdParams,
        response: withErrors({ 200: TimeEntryEnvelopeJson }),
      },
    },
    async (request, reply) => {
      const entry = await entries.get(actingUser(request), Number(request.params.id))
      return { time_entry: toTimeEntryJson(entry, view(request, reply)) }
    },
  )

  app.post(
    '/time-entries',
    {
      config: { scope: 'write:time_entries' },
      schema: {
        tags: TAGS,
        summary: 'Create a time entry (a running one without end_time)',
        body: CreateTimeEntryBody,
        response: withErrors({ 201: TimeEntryMessageJson, 409: ErrorJson }),
      },
    },
    async (request, reply) => {
      const entry = await entries.createEntry(
        actingUser(request),
        fromCreateBody(request.body, options.appTimezone),
      )
      return reply.code(201).send({
        message: 'Time entry created successfully',
        time_entry: toTimeEntryJson(entry, view(request, reply)),
      })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: `/time-entries/:id${ID_PATTERN}`,
    config: { scope: 'write:time_entries' },
    schema: {
      tags: TAGS,
      summary: 'Update a time entry (partial, PUT and PATCH alike)',
      params: TimeEntryIdParams,
      body: UpdateTimeEntryBody,
      response: withErrors({ 200: TimeEntryMessageJson, 409: ErrorJson }),
    },
    handler: async (request, reply) => {
      const input = fromUpdateBody(request.body, options.appTimezone)
      const entry = await entries.updateEntry(actingUser(request), Number(request.params.id), input)
      return {
        message: 'Time entry updated successfully',
        time_entry: toTimeEntryJson(entry, view(request, reply)),
      }
    },
  })

  // DELETE ignores its body entirely, whatever it contains (api-core.md §1.1).
  const bodylessRoutes: FastifyPluginAsyncTypebox = async (bodyless) => {
    registerLenientJsonBodies(bodyless)
    bodyless.delete(
      `/time-entries/:id${ID_PATTERN}`,
      {
        config: { scope: 'write:time_entries' },
        schema: {
          tags: TAGS,
          summary: 'Delete a completed time entry',
          params: TimeEntryIdParams,
          response: withErrors({ 200: MessageJson }),
        },
      },
      async (request) => {
        await entries.deleteEntry(actingUser(request), Number(request.params.id))
        return { message: 'Time entry deleted successfully' }
      },
    )
  }
  await app.register(bodylessRoutes)
}
