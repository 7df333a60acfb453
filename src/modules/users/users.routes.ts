import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { withErrors } from '../../http/schemas.js'
import type { Clock } from '../../platform/clock.js'
import type { SettingsService } from '../settings/settings.service.js'
import { toCurrentUserJson, type UserPresentation } from './user.presenter.js'
import { CurrentUserJson } from './user.schemas.js'

export interface UsersRoutesOptions {
  settings: SettingsService
  clock: Clock
  appTimezone: string
}

/** How this request wants users written; total_hours stays 0 until time entries exist (api-core.md §14.1). */
async function presentation(
  request: FastifyRequest,
  reply: FastifyReply,
  options: UsersRoutesOptions,
): Promise<UserPresentation> {
  const write = datetimeWriter(request, reply, options.appTimezone)
  const settings = await options.settings.get()
  return { write, settings, now: options.clock.now(), appTimezone: options.appTimezone, totalHours: 0 }
}

/** `/api/v1/users/…` (api-core.md §14). */
export const usersRoutes: FastifyPluginAsyncTypebox<UsersRoutesOptions> = async (app, options) => {
  app.get(
    '/users/me',
    {
      config: { scope: 'read:users' },
      schema: {
        tags: ['Users'],
        summary: 'The authenticated user, the time-entry requirements and the enabled modules',
        response: withErrors({ 200: CurrentUserJson }),
      },
    },
    async (request, reply) => {
      const { user } = request.actor as Actor // the authentication hook sets it on every `api` route
      const view = await presentation(request, reply, options)
      return toCurrentUserJson(user, view, await options.settings.enabledModules(user.isAdmin))
    },
  )
}
