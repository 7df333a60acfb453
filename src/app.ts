import cookie from '@fastify/cookie'
import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Dependencies } from './dependencies.js'
import { registerAuthentication } from './http/auth.js'
import { registerJsonBodies } from './http/body-parsing.js'
import { datetimeWriter } from './http/datetime-output.js'
import { registerErrorHandling } from './http/errors.js'
import { registerOpenApi } from './http/openapi.js'
import { registerSetupRedirect } from './http/setup-redirect.js'
import { authRoutes } from './modules/auth/auth.routes.js'
import { sessionRoutes } from './modules/sessions/session.routes.js'
import { setupRoutes } from './modules/setup/setup.routes.js'
import { systemRoutes } from './modules/system/system.routes.js'
import { toUserJson } from './modules/users/user.presenter.js'
import { usersRoutes } from './modules/users/users.routes.js'
import type { User } from './modules/users/user.types.js'

const packageJson = createRequire(import.meta.url)('../package.json') as { version?: string }
export const APP_VERSION = packageJson.version ?? '1.0.0'

/** 1 MiB: larger bodies are answered 413 in the error envelope. */
export const BODY_LIMIT_BYTES = 1024 * 1024

const CORS_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'X-Request-ID', 'X-API-Key', 'Idempotency-Key']

function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID()
}

/** The Fastify application with every option, hook and route; it never listens. */
export async function buildApp(deps: Dependencies, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    // The cast keeps Fastify's default logger type, so plugins typed for it accept this instance.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.config.trustProxy,
    genReqId: requestId,
    requestIdLogLabel: 'request_id',
    return503OnClosing: false,
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: false, removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // While closing, answers end their connection so keep-alive clients do not hold the shutdown up.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-ID', request.id)
    if (closing) void reply.header('Connection', 'close')
  })
  registerErrorHandling(app)
  registerJsonBodies(app)
  await app.register(cookie, { secret: deps.config.secretKey })
  registerSetupRedirect(app, deps.setup)
  registerAuthentication(app, { tokens: deps.tokens, sessions: deps.sessions, rateLimiter: deps.tokenRateLimiter })
  await registerOpenApi(app, APP_VERSION)

  const presentUser = async (user: User, request: FastifyRequest, reply: FastifyReply) =>
    toUserJson(user, {
      write: datetimeWriter(request, reply, deps.config.appTimezone),
      now: deps.clock.now(),
      settings: await deps.settings.get(),
      appTimezone: deps.config.appTimezone,
      totalHours: 0,
    })
  const secureCookies = deps.config.publicUrl.startsWith('https:')

  await app.register(
    async (api) => {
      await api.register(cors, {
        origin: (origin, callback) => callback(null, origin ?? '*'),
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        allowedHeaders: CORS_HEADERS,
        maxAge: 600,
        optionsSuccessStatus: 204,
      })
      await api.register(systemRoutes, {
        settings: deps.settings,
        setup: deps.setup,
        clock: deps.clock,
        appVersion: APP_VERSION,
        appTimezone: deps.config.appTimezone,
      })
      await api.register(authRoutes, { login: deps.login })
      await api.register(usersRoutes, { settings: deps.settings, clock: deps.clock, appTimezone: deps.config.appTimezone })
    },
    { prefix: '/api/v1' },
  )
  await app.register(sessionRoutes, { login: deps.login, sessions: deps.sessions, presentUser, secureCookies })
  await app.register(setupRoutes, { setup: deps.setup, secureCookies })
  return app
}
