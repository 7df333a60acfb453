import formbody from '@fastify/formbody'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { AppError } from '../../errors.js'
import { setSessionCookie } from '../../http/session-cookie.js'
import { setupPage } from '../pages/setup.page.js'
import type { SetupService } from './setup.service.js'

export interface SetupRoutesOptions {
  setup: SetupService
  secureCookies: boolean
}

const SetupBody = Type.Object({
  setup_code: Type.Optional(Type.Unknown()),
  username: Type.Optional(Type.Unknown()),
  password: Type.Optional(Type.Unknown()),
  password_confirm: Type.Optional(Type.Unknown()),
})

const asText = (value: unknown): string => (typeof value === 'string' ? value : '')

function firstMessage(error: AppError): string {
  const fieldMessages = Object.values(error.options.errors ?? {}).flat()
  return fieldMessages[0] ?? error.message
}

/** `GET/POST /setup`: the first step of the wizard, creating the administrator (web-app.md §2). */
export const setupRoutes: FastifyPluginAsyncTypebox<SetupRoutesOptions> = async (app, options) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 })

  app.get('/setup', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    if (!(await options.setup.isSetupRequired())) return reply.redirect('/')
    return reply.type('text/html; charset=utf-8').send(setupPage({}))
  })

  app.post(
    '/setup',
    { config: { auth: 'public' }, schema: { hide: true, body: SetupBody } },
    async (request, reply) => {
      const body = request.body
      const isJson = /json/i.test(String(request.headers['content-type'] ?? ''))
      try {
        const input = {
          setupCode: asText(body.setup_code),
          username: asText(body.username),
          password: asText(body.password),
          passwordConfirm: asText(body.password_confirm),
        }
        const { sessionId, user } = await options.setup.createAdministrator(input, request.ip)
        setSessionCookie(reply, sessionId, options.secureCookies)
        return isJson ? reply.code(201).send({ username: user.username }) : reply.redirect('/', 303)
      } catch (error) {
        if (isJson || !(error instanceof AppError)) throw error
        const status = error.kind === 'rate_limited' ? 429 : error.kind === 'conflict' ? 409 : 400
        const page = setupPage({ error: firstMessage(error), username: asText(body.username) })
        return reply
          .code(status)
          .headers(error.options.headers ?? {})
          .type('text/html; charset=utf-8')
          .send(page)
      }
    },
  )
}
