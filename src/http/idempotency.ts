import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { KeyRef } from '../modules/idempotency/idempotency.repository.js'
import { IdempotencyService } from '../modules/idempotency/idempotency.service.js'

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyRef?: KeyRef
  }
}

/** The record's scope: `post:time_entries` for the documented route, method and path elsewhere. */
function scopeOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? ''
  if (request.method === 'POST' && path === '/api/v1/time-entries') return 'post:time_entries'
  return `${request.method.toLowerCase()}:${path}`
}

/**
 * Honours `Idempotency-Key` on every token-authenticated write under /api/v1. Runs after
 * authentication (replays count like any request) and before body parsing and validation.
 */
export function registerIdempotency(app: FastifyInstance, service: IdempotencyService): void {
  app.addHook('onRequest', async (request, reply) => {
    const header = request.headers['idempotency-key']
    if (typeof header !== 'string' || !WRITE_METHODS.has(request.method) || request.is404) return
    if (request.actor?.via !== 'token' || request.actor.tokenId === null) return
    if (!request.url.startsWith('/api/v1/')) return
    const key = IdempotencyService.normalizeKey(header)
    if (key === undefined) return
    const claim = await service.claim({
      apiTokenId: request.actor.tokenId,
      scope: scopeOf(request),
      rawKey: key,
    })
    if (claim.outcome === 'replay') {
      return reply
        .code(claim.status)
        .type('application/json; charset=utf-8')
        .header('Idempotent-Replayed', 'true')
        .send(claim.body)
    }
    request.idempotencyRef = claim.ref
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const ref = request.idempotencyRef
    if (!ref) return payload
    request.idempotencyRef = undefined
    await service.finish(ref, reply.statusCode, typeof payload === 'string' ? payload : '')
    return payload
  })

  // A request that dies before answering (aborted connection) must not hold the key for a minute.
  app.addHook('onResponse', async (request) => {
    if (request.idempotencyRef) await service.finish(request.idempotencyRef, 500, '')
  })
}
