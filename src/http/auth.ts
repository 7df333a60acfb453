import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'
import type { SessionService } from '../modules/sessions/session.service.js'
import type { SettingsService } from '../modules/settings/settings.service.js'
import { extractToken, hasScope } from '../modules/tokens/token.rules.js'
import type { TokenService } from '../modules/tokens/token.service.js'
import { safeEqual } from '../platform/secrets.js'
import type { Actor, AuthMode } from './actor.js'
import type { TokenRateLimiter } from './rate-limit.js'
import { readSessionId } from './session-cookie.js'

export interface AuthDependencies {
  tokens: TokenService
  sessions: SessionService
  rateLimiter: TokenRateLimiter
  settings: Pick<SettingsService, 'isModuleEnabled'>
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function authenticationRequired(): AppError {
  return new AppError(
    'unauthorized',
    'unauthorized',
    'API token must be provided in Authorization header or X-API-Key header',
    { error: 'Authentication required' },
  )
}

function insufficientScope(required: string | readonly string[], available: string[]): AppError {
  const alternatives = typeof required === 'string' ? undefined : required.join(', ')
  const message = alternatives
    ? `This endpoint requires one of: "${alternatives}"`
    : `This endpoint requires the '${String(required)}' scope`
  return new AppError('forbidden', 'forbidden', message, {
    error: 'Insufficient permissions',
    extra: { required_scope: alternatives ?? required, available_scopes: available },
  })
}

function holdsScope(granted: string[], required: string | readonly string[]): boolean {
  if (typeof required === 'string') return hasScope(granted, required)
  return required.some((one) => hasScope(granted, one))
}

function moduleDisabled(id: string): AppError {
  return new AppError('forbidden', 'forbidden', `${id} module is disabled by the administrator.`, {
    error: 'module_disabled',
    extra: { success: false },
  })
}

function signInRequired(): AppError {
  return new AppError('unauthorized', 'unauthorized', 'Authentication required')
}

function csrfFailed(): AppError {
  return new AppError('forbidden', 'csrf_failed', 'Missing or invalid CSRF token (send it in X-CSRF-Token)', {
    error: 'CSRF token missing or invalid',
  })
}

function presentedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token']
  if (typeof header === 'string') return header
  const field = (request.body as { csrf_token?: unknown } | undefined)?.csrf_token
  return typeof field === 'string' ? field : undefined
}

/**
 * Authentication for every route by its `config.auth` (default `api`): the pipeline of
 * api-core.md §4.3 for tokens, the session cookie otherwise, and the CSRF rule for
 * cookie-authenticated writes (CONTRACT.md).
 */
export function registerAuthentication(app: FastifyInstance, deps: AuthDependencies): void {
  async function sessionActor(request: FastifyRequest): Promise<Actor | undefined> {
    const id = readSessionId(request)
    const session = id ? await deps.sessions.resume(id) : undefined
    if (!session) return undefined
    request.sessionCsrfToken = session.csrfToken
    const recheck = async () => (await deps.sessions.resume(id as string))?.user
    return { user: session.user, via: 'session', scopes: null, tokenId: null, recheck }
  }

  app.addHook('onRequest', async (request, reply) => {
    // A CORS preflight never carries credentials; CORS (registered before this) answers it.
    if (request.is404 || request.method === 'OPTIONS') return
    const { auth = defaultAuthMode(request.routeOptions.url ?? ''), scope } = request.routeOptions.config
    const plain =
      auth === 'api' ? extractToken(request.headers.authorization, header(request, 'x-api-key')) : undefined
    if (plain === undefined) {
      request.actor = await sessionActor(request)
      if (!request.actor && auth !== 'public')
        throw auth === 'session' ? signInRequired() : authenticationRequired()
    } else {
      const { token, scopes, user } = await deps.tokens.authenticate(plain, request.ip)
      if (scope && !holdsScope(scopes, scope)) throw insufficientScope(scope, scopes)
      await deps.rateLimiter.consume(token.id, reply)
      deps.tokens.recordUsage(token.id)
      const recheck = () =>
        deps.tokens.authenticate(plain, request.ip).then(
          (again) => again.user,
          () => undefined,
        )
      request.actor = { user, via: 'token', scopes, tokenId: token.id, recheck }
    }
    await assertModuleEnabled(request)
  })

  // After authentication, scope and rate limit, before validation or any lookup (api-extended.md §0.5).
  async function assertModuleEnabled(request: FastifyRequest): Promise<void> {
    const id = request.routeOptions.config.module
    if (!id || !request.actor) return
    if (!(await deps.settings.isModuleEnabled(id, request.actor.user.isAdmin))) throw moduleDisabled(id)
  }

  // After parsing (a form may carry the token as a field), before validation and the handler.
  app.addHook('preValidation', async (request) => {
    if (request.actor?.via !== 'session' || !UNSAFE_METHODS.has(request.method)) return
    const mode = request.routeOptions.config.auth ?? defaultAuthMode(request.routeOptions.url ?? '')
    if (mode === 'public') return
    assertCsrfToken(request)
  })
}

/** Throws `csrf_failed` unless the request carries its session's CSRF token. */
export function assertCsrfToken(request: FastifyRequest): void {
  const csrf = presentedCsrfToken(request)
  if (!csrf || !safeEqual(csrf, request.sessionCsrfToken ?? '')) throw csrfFailed()
}

/** Routes that do not declare `config.auth` (plugins' routes): API under /api/v1, session under /api, else public. */
function defaultAuthMode(url: string): AuthMode {
  if (url.startsWith('/api/v1/')) return 'api'
  if (url.startsWith('/api/docs') || url === '/api/openapi.json') return 'public'
  return url.startsWith('/api/') ? 'session' : 'public'
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}
