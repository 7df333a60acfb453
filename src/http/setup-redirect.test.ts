import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'

describe.each(dialects)('set-up mode on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('still answers GET /api/v1/info and /api/v1/health', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const info = await t.app.inject({ method: 'GET', url: '/api/v1/info' })
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health?probe=1' })

    expect(info.statusCode).toBe(200)
    expect(info.json().setup_required).toBe(true)
    expect(health.statusCode).toBe(200)
    expect(health.json().status).toBe('healthy')
  })

  it('still answers POST /api/v1/auth/login with JSON', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    })

    expect(response.statusCode).toBe(401)
    expect(response.json().error_code).toBe('unauthorized')
  })

  it('still answers OPTIONS with 204', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({ method: 'OPTIONS', url: '/api/v1/time-entries' })

    expect(response.statusCode).toBe(204)
  })

  it('redirects every other /api/v1 request to /setup, known, unknown or with a token', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const responses = await Promise.all([
      t.app.inject({ method: 'GET', url: '/api/v1/users/me' }),
      t.app.inject({ method: 'GET', url: '/api/v1/projects?page=2' }),
      t.app.inject({ method: 'POST', url: '/api/v1/time-entries', payload: { project_id: 1 } }),
      t.app.inject({
        method: 'GET',
        url: '/api/v1/users/me',
        headers: { authorization: 'Bearer tt_whatever' },
      }),
    ])

    for (const response of responses) {
      expect(response.statusCode).toBe(302)
      expect(response.headers.location).toBe('/setup')
    }
  })

  it('redirects HTML pages and session routes to /setup', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const home = await t.app.inject({ method: 'GET', url: '/' })
    const session = await t.app.inject({ method: 'GET', url: '/api/session' })
    const lookalike = await t.app.inject({ method: 'GET', url: '/setup-later' })

    for (const response of [home, session, lookalike]) {
      expect(response.statusCode).toBe(302)
      expect(response.headers.location).toBe('/setup')
    }
  })

  it('serves /setup and /login', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const setup = await t.app.inject({ method: 'GET', url: '/setup' })
    const login = await t.app.inject({ method: 'GET', url: '/login?next=%2F' })

    expect(setup.statusCode).toBe(200)
    expect(setup.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(login.statusCode).toBe(200)
    expect(login.headers['content-type']).toBe('text/html; charset=utf-8')
  })

  it('stops redirecting once an administrator exists', async () => {
    t = await buildTestApp({ dialect: name })

    const home = await t.app.inject({ method: 'GET', url: '/' })
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })

    expect(home.headers.location).toBe('/login?next=%2F')
    expect(unknown.statusCode).toBe(404)
  })
})
