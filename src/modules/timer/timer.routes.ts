import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { registerLenientJsonBodies } from '../../http/body-parsing.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { ErrorJson, withErrors } from '../../http/schemas.js'
import type { Clock } from '../../platform/clock.js'
import { toTimeEntryJson, type TimeEntryPresentation } from '../time-entries/time-entry.presenter.js'
import type { TimeEntryView } from '../time-entries/time-entry.types.js'
import { fromStartTimerBody } from './timer.presenter.js'
import { StartTimerBody, TimerEntryJson, TimerStartedJson, TimerStatusJson } from './timer.schemas.js'
import type { TimerService } from './timer.service.js'

export interface TimerRoutesOptions {
  timer: TimerService
  clock: Clock
  appTimezone: string
}

const TAGS = ['Timer']

/** The authenticated user; the authentication hook sets the actor on every `api` route. */
const actingUser = (request: FastifyRequest) => (request.actor as Actor).user

type TimerAction = 'stop' | 'pause' | 'resume'

const ACTIONS: Record<TimerAction, { summary: string; message: string }> = {
  stop: { summary: 'Stop the running timer', message: 'Timer stopped successfully' },
  pause: { summary: 'Pause the running timer', message: 'Timer paused' },
  resume: { summary: 'Resume the paused timer', message: 'Timer resumed' },
}

/** `/api/v1/timer/…` (api-core.md §13): a thin layer over the time-entry storage and presenter. */
export const timerRoutes: FastifyPluginAsyncTypebox<TimerRoutesOptions> = async (app, options) => {
  const { timer } = options
  const view = (request: FastifyRequest, reply: FastifyReply): TimeEntryPresentation => ({
    write: datetimeWriter(request, reply, options.appTimezone),
    now: options.clock.now(),
  })

  app.get(
    '/timer/status',
    {
      config: { scope: 'read:time_entries' },
      schema: {
        tags: TAGS,
        summary: "The caller's running timer",
        response: withErrors({ 200: TimerStatusJson }),
      },
    },
    async (request, reply) => {
      const running = await timer.status(actingUser(request))
      return {
        active: running !== undefined,
        timer: running ? toTimeEntryJson(running, view(request, reply)) : null,
      }
    },
  )

  app.post(
    '/timer/start',
    {
      config: { scope: 'write:time_entries' },
      schema: {
        tags: TAGS,
        summary: 'Start a timer',
        body: StartTimerBody,
        response: withErrors({ 201: TimerStartedJson, 409: ErrorJson }),
      },
    },
    async (request, reply) => {
      const entry = await timer.start(actingUser(request), fromStartTimerBody(request.body))
      return reply
        .code(201)
        .send({ message: 'Timer started successfully', timer: toTimeEntryJson(entry, view(request, reply)) })
    },
  )

  // Stop, pause and resume ignore their body entirely, whatever it contains (api-core.md §1.1, clients.md §1).
  const bodylessRoutes: FastifyPluginAsyncTypebox = async (bodyless) => {
    registerLenientJsonBodies(bodyless)
    for (const action of Object.keys(ACTIONS) as TimerAction[]) {
      bodyless.post(
        `/timer/${action}`,
        {
          config: { scope: 'write:time_entries' },
          schema: {
            tags: TAGS,
            summary: ACTIONS[action].summary,
            response: withErrors({ 200: TimerEntryJson }),
          },
        },
        async (request, reply) => {
          const entry: TimeEntryView = await timer[action](actingUser(request))
          return {
            message: ACTIONS[action].message,
            time_entry: toTimeEntryJson(entry, view(request, reply)),
          }
        },
      )
    }
  }
  await app.register(bodylessRoutes)
}
