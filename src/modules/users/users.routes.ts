import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest, toPaginationJson } from '../../http/pagination.js'
import { PaginationJson, withErrors } from '../../http/schemas.js'
import type { Clock } from '../../platform/clock.js'
import type { SettingsService } from '../settings/settings.service.js'
import { toCurrentUserJson, toUserJson, type UserPresentation } from './user.presenter.js'
import { CurrentUserJson, UserJson } from './user.schemas.js'
import type { UserService } from './user.service.js'
import type { User } from './user.types.js'

export interface UsersRoutesOptions {
  users: UserService
  settings: SettingsService
  clock: Clock
  appTimezone: string
}

const PageQuery = Type.Object({ page: Type.Optional(Type.String()), per_page: Type.Optional(Type.String()) })

/** How this request wants these users written, with their worked hours in one query. */
async function presentation(
  request: FastifyRequest,
  reply: FastifyReply,
  options: UsersRoutesOptions,
  users: User[],
): Promise<UserPresentation> {
  const write = datetimeWriter(request, reply, options.appTimezone)
  const [settings, workedSeconds] = await Promise.all([
    options.settings.get(),
    options.users.workedSeconds(users.map((u) => u.id)),
  ])
  return { write, settings, now: options.clock.now(), appTimezone: options.appTimezone, workedSeconds }
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
      const view = await presentation(request, reply, options, [user])
      return toCurrentUserJson(user, view, await options.settings.enabledModules(user.isAdmin))
    },
  )

  app.get(
    '/users',
    {
      config: { scope: 'admin:all' },
      schema: {
        tags: ['Users'],
        summary: 'Active users, ordered by username',
        querystring: PageQuery,
        response: withErrors({
          200: Type.Object({ users: Type.Array(UserJson), pagination: PaginationJson }),
        }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const { users, total } = await options.users.listActive(page)
      const view = await presentation(request, reply, options, users)
      return { users: users.map((user) => toUserJson(user, view)), pagination: toPaginationJson(page, total) }
    },
  )
}
