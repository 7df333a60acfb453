import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

describe.each(dialects)('system endpoints on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('GET /api/v1/info describes the API and says set-up is complete once an administrator exists', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/info' })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      api_version: 'v1',
      app_version: expect.any(String),
      setup_required: false,
      enabled_modules: [
        'auth',
        'main',
        'projects',
        'timer',
        'tasks',
        'clients',
        'quotes',
        'reports',
        'inventory',
        'deals',
        'leads',
        'approvals',
        'webhooks',
        'integrations',
      ],
      documentation_url: '/api/docs',
      authentication: 'API Token (Bearer or X-API-Key header)',
      endpoints: {
        projects: '/api/v1/projects',
        time_entries: '/api/v1/time-entries',
        tasks: '/api/v1/tasks',
        clients: '/api/v1/clients',
        quotes: '/api/v1/quotes',
        users: '/api/v1/users',
        reports: '/api/v1/reports',
        search: '/api/v1/search',
      },
      timezone: 'UTC',
    })
  })

  it('GET /api/v1/info reports setup_required while no administrator exists', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/info' })

    expect(response.json().setup_required).toBe(true)
  })

  it('GET /api/v1/health answers without a token, with the time in the app timezone', async () => {
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
    t.clock.set('2025-07-01T10:00:00Z')

    const naive = await t.app.inject({ method: 'GET', url: '/api/v1/health' })
    const utc = await t.app.inject({
      method: 'GET',
      url: '/api/v1/health',
      headers: { prefer: 'datetime=utc' },
    })

    expect(naive.json()).toEqual({ status: 'healthy', timestamp: '2025-07-01T12:00:00' })
    expect(utc.json()).toEqual({ status: 'healthy', timestamp: '2025-07-01T10:00:00Z' })
    expect(utc.headers['preference-applied']).toBe('datetime=utc')
  })
})
