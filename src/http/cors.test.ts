import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'

const ORIGIN = 'https://dashboard.example.test'

const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers':
    'Authorization, Content-Type, Accept, X-Request-ID, X-API-Key, Idempotency-Key',
  'access-control-max-age': '600',
}

describe.each(dialects)('CORS under /api/v1 on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('answers a browser preflight with 204 and the allowed methods and headers, without auth', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/users/me',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })

    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect(response.headers).toMatchObject({ 'access-control-allow-origin': ORIGIN, ...PREFLIGHT_HEADERS })
  })

  it('answers OPTIONS on unknown paths and without an Origin too, allowing any origin', async () => {
    t = await buildTestApp({ dialect: name })

    const unknown = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/no-such-thing/42',
      headers: { origin: ORIGIN },
    })
    const bare = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/info' })

    expect(unknown.statusCode).toBe(204)
    expect(unknown.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(bare.statusCode).toBe(204)
    expect(bare.headers).toMatchObject({ 'access-control-allow-origin': '*', ...PREFLIGHT_HEADERS })
  })

  it('ignores a bad token on a preflight', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/users/me',
      headers: { origin: ORIGIN, authorization: 'Bearer tt_nope' },
    })

    expect(response.statusCode).toBe(204)
  })

  it('puts Access-Control-Allow-Origin and Vary: Origin on every /api/v1 answer, errors included', async () => {
    t = await buildTestApp({ dialect: name })
    const withOrigin = { origin: ORIGIN }

    const responses = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/info', headers: withOrigin }),
      t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: withOrigin }),
      t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: withOrigin }),
      t.app.inject({ method: 'DELETE', url: '/api/v1/health', headers: withOrigin }),
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: withOrigin, payload: {} }),
    ])

    expect(responses.map((response) => response.statusCode)).toEqual([200, 401, 404, 405, 401])
    for (const response of responses) {
      expect(response.headers['access-control-allow-origin']).toBe(ORIGIN)
      expect(response.headers.vary).toContain('Origin')
    }
  })

  it('allows any origin with * when the request names none', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/health' })

    expect(response.headers['access-control-allow-origin']).toBe('*')
    expect(response.headers.vary).toContain('Origin')
  })

  it('answers preflights while set-up is still required', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/projects',
      headers: { origin: ORIGIN },
    })

    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN)
  })

  it('gives pages and session routes outside /api/v1 no CORS headers', async () => {
    t = await buildTestApp({ dialect: name })

    const page = await t.app.inject({ method: 'GET', url: '/login', headers: { origin: ORIGIN } })
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { origin: ORIGIN } })

    expect(page.headers['access-control-allow-origin']).toBeUndefined()
    expect(session.headers['access-control-allow-origin']).toBeUndefined()
  })
})
