import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

type JsonParser = (
  request: FastifyRequest,
  body: string,
  done: (error: Error | null, value?: unknown) => void,
) => void

/**
 * Body rules of api-core.md §1.1: an empty body is `{}`; JSON must parse and be an object;
 * any other non-empty content type is 415. Fastify's own parser still guards against
 * prototype poisoning. A request that matches no route is not parsed at all, so it gets
 * its 404 or 405 whatever its body (routing comes first, api-core.md §1.4).
 */
export function registerJsonBodies(app: FastifyInstance): void {
  const secureParse = app.getDefaultJsonParser('error', 'error') as unknown as JsonParser
  app.removeAllContentTypeParsers()
  const parseJsonObject = (
    request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, value?: unknown) => void,
  ) => {
    const text = String(body)
    if (text.trim() === '' || request.is404) return done(null, {})
    secureParse(request, text, (error, value) => {
      if (error) return done(new AppError('invalid', 'bad_request', 'Invalid JSON body'))
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return done(new AppError('invalid', 'bad_request', 'JSON body must be an object'))
      }
      done(null, value)
    })
  }
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonObject)
  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'string' }, parseJsonObject)
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (String(body).trim() === '' || request.is404) return done(null, {})
    done(
      new AppError(
        'unsupported_media_type',
        'unsupported_media_type',
        'Content-Type must be application/json',
      ),
    )
  })
  // A write sent without any body (no Content-Type either) is not parsed at all: it too is `{}`.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {}
  })
}

/** For `POST /auth/login`: anything unparsable or not an object is read as `{}` (api-core.md §4.5). */
export function registerLenientJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      const value: unknown = JSON.parse(String(body))
      done(null, typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {})
    } catch {
      done(null, {})
    }
  })
}
