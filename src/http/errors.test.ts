import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import { AppError } from '../errors.js'
import { registerErrorHandling } from './errors.js'

describe.each(dialects)('error envelope through the app on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('answers an unknown /api/v1 path with 404 not_found, even with a bad token', async () => {
    t = await buildTestApp({ dialect: name })

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })
    const badToken = await t.app.inject({
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: { authorization: 'Bearer tt_nope' },
    })

    for (const response of [anonymous, badToken]) {
      expect(response.statusCode).toBe(404)
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(response.json()).toEqual({
        success: false,
        error: 'Resource not found',
        message: 'Resource not found',
        error_code: 'not_found',
      })
    }
  })

  it('treats paths as case-sensitive and without a trailing slash', async () => {
    t = await buildTestApp({ dialect: name })

    const upper = await t.app.inject({ method: 'GET', url: '/API/v1/info' })
    const slash = await t.app.inject({ method: 'GET', url: '/api/v1/info/' })

    expect(upper.statusCode).toBe(404)
    expect(slash.statusCode).toBe(404)
  })

  it('answers a known path with the wrong method with 405 and an Allow header, before authentication', async () => {
    t = await buildTestApp({ dialect: name })

    const remove = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/info',
      headers: { authorization: 'Bearer tt_nope' },
    })
    const get = await t.app.inject({ method: 'GET', url: '/api/v1/auth/login' })

    expect(remove.statusCode).toBe(405)
    expect(remove.headers.allow).toBe('GET')
    expect(remove.json()).toEqual({
      success: false,
      error: 'Method not allowed',
      message: 'Method not allowed',
      error_code: 'method_not_allowed',
    })
    expect(get.statusCode).toBe(405)
    expect(get.headers.allow).toBe('POST')
  })

  it('answers a wrong method by its route, whatever body came with it', async () => {
    t = await buildTestApp({ dialect: name })

    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/health',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    })
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/nothing-here',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    })

    expect(text.statusCode).toBe(405)
    expect(broken.statusCode).toBe(404)
  })

  it('wraps an authentication failure in the envelope', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'wrong' },
    })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      success: false,
      error: 'Invalid username or password',
      message: 'Invalid username or password',
      error_code: 'unauthorized',
    })
  })
})

describe('the error handler', () => {
  let app: FastifyInstance

  afterEach(async () => app?.close())

  function appThrowing(error: unknown): FastifyInstance {
    const instance = Fastify({ logger: false })
    registerErrorHandling(instance)
    instance.get('/fail', async () => {
      throw error
    })
    return instance
  }

  it.each([
    ['invalid', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['payload_too_large', 413],
    ['unsupported_media_type', 415],
    ['rate_limited', 429],
  ] as const)('maps an AppError of kind %s to %i', async (kind, status) => {
    app = appThrowing(new AppError(kind, 'conflict', 'Something specific'))

    const response = await app.inject({ method: 'GET', url: '/fail' })

    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({
      success: false,
      error: 'Something specific',
      message: 'Something specific',
      error_code: 'conflict',
    })
  })

  it('adds the separate error text, field errors, extra keys and headers of an AppError', async () => {
    const error = new AppError('rate_limited', 'rate_limited', 'Try again in 5 seconds', {
      error: 'Too many login attempts',
      extra: { limit_per_minute: 5 },
      headers: { 'Retry-After': '5' },
    })
    app = appThrowing(error)

    const response = await app.inject({ method: 'GET', url: '/fail' })

    expect(response.headers['retry-after']).toBe('5')
    expect(response.json()).toEqual({
      success: false,
      error: 'Too many login attempts',
      message: 'Try again in 5 seconds',
      error_code: 'rate_limited',
      limit_per_minute: 5,
    })
  })

  it('hides the details of an unexpected failure behind a generic 500', async () => {
    app = appThrowing(new Error('database password is hunter2'))

    const response = await app.inject({ method: 'GET', url: '/fail' })

    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({
      success: false,
      error: 'An internal error occurred',
      message: 'An internal error occurred',
      error_code: 'internal_error',
    })
  })

  it('keeps the status of a framework client error and names its code', async () => {
    app = appThrowing(Object.assign(new Error('Unsupported'), { statusCode: 406 }))

    const response = await app.inject({ method: 'GET', url: '/fail' })

    expect(response.statusCode).toBe(406)
    expect(response.json()).toEqual({
      success: false,
      error: 'Unsupported',
      message: 'Unsupported',
      error_code: 'bad_request',
    })
  })
})
