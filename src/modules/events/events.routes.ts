import type { OutgoingHttpHeaders } from 'node:http'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { Actor } from '../../http/actor.js'
import { withErrors } from '../../http/schemas.js'
import type { EventStreamService } from './event-stream.service.js'

export interface EventsRoutesOptions {
  streams: EventStreamService
}

const StreamQuery = Type.Object({ last_event_id: Type.Optional(Type.String()) })

/** `GET /api/v1/events`: the live event stream (webhooks.md §12). */
export const eventsRoutes: FastifyPluginAsyncTypebox<EventsRoutesOptions> = async (app, options) => {
  app.get(
    '/events',
    {
      schema: {
        tags: ['Events'],
        summary: 'Live events as Server-Sent Events',
        description:
          'Any valid token or browser session may connect; each event is sent only when the ' +
          "credential holds its subject's read scope and the user may see it. Resume with " +
          '`Last-Event-ID` (or `?last_event_id=`) over at least the last 10 minutes.',
        querystring: StreamQuery,
        response: withErrors({
          200: Type.String({ description: 'text/event-stream: `id`, `event`, `data` frames' }),
        }),
      },
    },
    async (request, reply) => {
      const actor = request.actor as Actor // the authentication hook sets it on every `api` route
      const header = request.headers['last-event-id']
      const lastEventId = (typeof header === 'string' ? header : undefined) ?? request.query.last_event_id
      reply.hijack()
      reply.raw.writeHead(200, {
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'x-request-id': request.id,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      const sink = { write: (text: string) => reply.raw.write(text), end: () => reply.raw.end() }
      const stop = await options.streams.open(actor, lastEventId, sink)
      request.raw.on('close', stop)
      if (request.raw.destroyed) stop()
    },
  )
}
