import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import { AppError, type ErrorCode, type ErrorKind } from '../errors.js'
import { toFieldErrors } from './validation-messages.js'

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
}

/** The envelope of api-core.md §2.1. */
export function envelope(
  code: string,
  message: string,
  error = message,
  extra: Record<string, unknown> = {},
) {
  return { success: false as const, error, message, error_code: code, ...extra }
}

function sendAppError(reply: FastifyReply, error: AppError) {
  const { errors, extra, headers } = error.options
  if (headers) void reply.headers(headers)
  const body = envelope(error.code, error.message, error.options.error ?? error.message, {
    ...(errors ? { errors } : {}),
    ...extra,
  })
  return reply.code(STATUS[error.kind]).send(body)
}

function frameworkError(error: FastifyError): AppError | undefined {
  if (error.validation) return AppError.validation(toFieldErrors(error.validation))
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new AppError('payload_too_large', 'payload_too_large', 'Request body is too large (limit 1 MiB)')
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError(
      'unsupported_media_type',
      'unsupported_media_type',
      'Content-Type must be application/json',
    )
  }
  return undefined
}

/** One place turns every failure into the envelope and the right status. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendAppError(reply, error)
    const mapped = frameworkError(error)
    if (mapped) return sendAppError(reply, mapped)
    const status = error.statusCode ?? 500
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
      return reply.code(500).send(envelope('internal_error', 'An internal error occurred'))
    }
    return reply.code(status).send(envelope(CODE_BY_STATUS[status] ?? 'bad_request', error.message))
  })

  // A second router holding every route lets the 404 handler tell "wrong method" (405) from "no such path".
  const routes = FindMyWay()
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method).filter((m) => m !== 'OPTIONS' && m !== 'HEAD')
    for (const method of methods) {
      if (!routes.find(method as HTTPMethod, route.url))
        routes.on(method as HTTPMethod, route.url, () => undefined)
    }
  })
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allowed = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) =>
      routes.find(m as HTTPMethod, path),
    )
    if (allowed.length > 0) {
      return reply
        .code(405)
        .header('Allow', allowed.join(', '))
        .send(envelope('method_not_allowed', 'Method not allowed'))
    }
    return reply.code(404).send(envelope('not_found', 'Resource not found'))
  })
}
