import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe.each(dialects)('request ids and rate-limit headers on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('echoes a valid X-Request-ID, on errors too', async () => {
    t = await buildTestApp({ dialect: name })

    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/v1/info',
      headers: { 'x-request-id': 'client-42.retry:1' },
    })
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing',
      headers: { 'x-request-id': 'abc_123' },
    })

    expect(ok.headers['x-request-id']).toBe('client-42.retry:1')
    expect(missing.headers['x-request-id']).toBe('abc_123')
  })

  it('generates a fresh id when none is sent', async () => {
    t = await buildTestApp({ dialect: name })

    const first = await t.app.inject({ method: 'GET', url: '/api/v1/health' })
    const second = await t.app.inject({ method: 'GET', url: '/api/v1/health' })

    expect(first.headers['x-request-id']).toMatch(UUID)
    expect(second.headers['x-request-id']).toMatch(UUID)
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id'])
  })

  it('replaces an id that is too long or carries odd characters', async () => {
    t = await buildTestApp({ dialect: name })

    const spaced = await t.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'two words' },
    })
    const long = await t.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { 'x-request-id': 'x'.repeat(129) },
    })

    expect(spaced.headers['x-request-id']).toMatch(UUID)
    expect(long.headers['x-request-id']).toMatch(UUID)
  })

  it('never puts X-RateLimit headers on /api/v1/health and /api/v1/info, even for a token', async () => {
    t = await buildTestApp({ dialect: name })
    const token = await createToken(t.deps, await createUser(t.deps))

    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: bearer(token) })
    const info = await t.app.inject({ method: 'GET', url: '/api/v1/info', headers: bearer(token) })
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(token) })

    for (const response of [health, info]) {
      expect(response.statusCode).toBe(200)
      expect(Object.keys(response.headers).filter((header) => header.startsWith('x-ratelimit'))).toEqual([])
    }
    expect(limited.headers['x-ratelimit-limit']).toBeDefined()
  })
})
