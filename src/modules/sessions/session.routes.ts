import formbody from '@fastify/formbody'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../errors.js'
import { assertCsrfToken } from '../../http/auth.js'
import { clearSessionCookie, readSessionId, setSessionCookie } from '../../http/session-cookie.js'
import { ErrorJson } from '../../http/schemas.js'
import type { LoginService } from '../auth/login.service.js'
import { homePage, loginPage } from '../pages/login.page.js'
import { UserJson } from '../users/user.schemas.js'
import type { User } from '../users/user.types.js'
import type { SessionService } from './session.service.js'

export interface SessionRoutesOptions {
  login: LoginService
  sessions: SessionService
  presentUser: (user: User, request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
  secureCookies: boolean
}

const LoginBody = Type.Object({
  username: Type.Optional(Type.Unknown()),
  password: Type.Optional(Type.Unknown()),
  next: Type.Optional(Type.Unknown()),
})

/** A redirect target only when it is a local path (no open redirects). */
export function localPath(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')
    ? next
    : '/'
}

function isJson(request: FastifyRequest): boolean {
  return (
    /json/i.test(String(request.headers['content-type'] ?? '')) ||
    /json/i.test(String(request.headers.accept ?? ''))
  )
}

/** Browser sign-in, sign-out and `GET /api/session` (CONTRACT.md "Browser sessions"). */
export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (app, options) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 })
  const hidden = { hide: true }

  app.get(
    '/login',
    {
      config: { auth: 'public' },
      schema: { ...hidden, querystring: Type.Object({ next: Type.Optional(Type.String()) }) },
    },
    async (request, reply) => {
      if (request.actor) return reply.redirect(localPath(request.query.next))
      return reply.type('text/html; charset=utf-8').send(loginPage({ next: request.query.next }))
    },
  )

  app.post(
    '/login',
    { config: { auth: 'public' }, schema: { ...hidden, body: LoginBody } },
    async (request, reply) => {
      try {
        const { sessionId, user } = await options.login.startSession(request.body, request.ip)
        setSessionCookie(reply, sessionId, options.secureCookies)
        if (isJson(request)) return { user: await options.presentUser(user, request, reply) }
        return reply.redirect(localPath(request.body.next), 303)
      } catch (error) {
        if (isJson(request) || !(error instanceof AppError)) throw error
        const status = error.kind === 'rate_limited' ? 429 : 401
        const page = loginPage({
          error: error.message,
          username: typeof request.body.username === 'string' ? request.body.username : '',
          next: localPath(request.body.next),
        })
        return reply
          .code(status)
          .headers(error.options.headers ?? {})
          .type('text/html; charset=utf-8')
          .send(page)
      }
    },
  )

  app.post(
    '/logout',
    { config: { auth: 'public' }, schema: { ...hidden, response: { 204: Type.Null(), 403: ErrorJson } } },
    async (request, reply) => {
      const sessionId = readSessionId(request)
      if (sessionId && request.actor) {
        assertCsrfToken(request)
        await options.sessions.end(sessionId)
      }
      clearSessionCookie(reply)
      return isJson(request) ? reply.code(204).send(null) : reply.redirect('/login', 303)
    },
  )

  app.get(
    '/api/session',
    {
      config: { auth: 'session' },
      schema: {
        ...hidden,
        response: { 200: Type.Object({ user: UserJson, csrf_token: Type.String() }), 401: ErrorJson },
      },
    },
    async (request, reply) => ({
      user: (await options.presentUser(request.actor!.user, request, reply)) as never,
      csrf_token: request.sessionCsrfToken!,
    }),
  )

  app.get('/', { config: { auth: 'public' }, schema: hidden }, async (request, reply) => {
    if (!request.actor) return reply.redirect('/login?next=%2F')
    return reply
      .type('text/html; charset=utf-8')
      .send(homePage(request.actor.user.username, request.sessionCsrfToken ?? ''))
  })
}
