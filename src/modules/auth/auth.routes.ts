import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { registerLenientJsonBodies } from '../../http/body-parsing.js'
import { ErrorJson } from '../../http/schemas.js'
import type { LoginService } from './login.service.js'

export interface AuthRoutesOptions {
  login: LoginService
}

const LoginBody = Type.Object({
  username: Type.Optional(Type.Unknown()),
  password: Type.Optional(Type.Unknown()),
})

/** `POST /api/v1/auth/login`: exactly `200 {"token": …}`, which TimeTracker's desktop app requires. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, options) => {
  registerLenientJsonBodies(app)
  app.post(
    '/auth/login',
    {
      config: { auth: 'public' },
      // A POST without a body has no content type, so no parser runs; it too is read as {}.
      preValidation: async (request) => {
        request.body ??= {}
      },
      schema: {
        tags: ['Authentication'],
        summary: 'Exchange username and password for an API token',
        description: 'No token needed. Limited per client IP (LOGIN_RATE_LIMIT_PER_MINUTE).',
        security: [],
        body: LoginBody,
        response: { 200: Type.Object({ token: Type.String() }), 401: ErrorJson, 429: ErrorJson },
      },
    },
    async (request) => ({ token: await options.login.issueAppToken(request.body, request.ip) }),
  )
}
