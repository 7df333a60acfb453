import type { FastifyInstance } from 'fastify'
import type { SetupService } from '../modules/setup/setup.service.js'

const ALWAYS_OPEN = [
  /^\/setup(\/|$)/,
  /^\/login(\/|$)/,
  /^\/logout$/,
  /^\/api\/v1\/info/,
  /^\/api\/v1\/health/,
  /^\/_(health|ready)$/,
]

/** While no administrator exists, everything but the open paths redirects to /setup (api-core.md §1.4). */
export function registerSetupRedirect(app: FastifyInstance, setup: SetupService): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'OPTIONS') return
    const path = request.url.split('?')[0] ?? '/'
    if (ALWAYS_OPEN.some((open) => open.test(path))) return
    if (path === '/api/v1/auth/login' && request.method === 'POST') return
    if (path.startsWith('/api/docs') || path === '/api/openapi.json') return
    if (await setup.isSetupRequired()) return reply.redirect('/setup', 302)
  })
}
