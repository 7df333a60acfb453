import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const ME = '/api/v1/users/me'

describe.each(dialects)('GET /api/v1/users/me on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
  })

  afterEach(async () => t?.close())

  async function getMeAs(role: string, headers: Record<string, string> = {}) {
    const user = await createUser(t.deps, { role })
    const token = await createToken(t.deps, user, ['read:users'])
    return {
      user,
      response: await t.app.inject({ method: 'GET', url: ME, headers: { ...bearer(token), ...headers } }),
    }
  }

  it('returns the user, the time-entry requirements and the enabled modules', async () => {
    const { user, response } = await getMeAs('user')

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      user: {
        id: user.id,
        username: user.username,
        email: null,
        full_name: null,
        display_name: user.username,
        role: 'user',
        is_admin: false,
        created_at: '2025-01-15T10:00:00',
        last_login: null,
        is_active: true,
        total_hours: 0,
        avatar_url: null,
        status: 'offline',
        date_format: 'YYYY-MM-DD',
        time_format: '24h',
        timezone: 'UTC',
        standard_hours_per_day: 8,
        overtime_include_weekends: true,
      },
      time_entry_requirements: {
        require_task: false,
        require_description: false,
        description_min_length: 20,
      },
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
    })
  })

  it('writes datetimes in UTC when the client prefers it', async () => {
    const { response } = await getMeAs('user', { prefer: 'datetime=utc' })

    expect(response.json().user.created_at).toBe('2025-01-15T10:00:00Z')
  })

  it('reads the time-entry requirements from the persisted settings on every request', async () => {
    await t.deps.database.db
      .updateTable('settings')
      .set({
        timeEntryRequireTask: true,
        timeEntryRequireDescription: true,
        timeEntryDescriptionMinLength: 5,
      })
      .execute()

    const { response } = await getMeAs('user')

    expect(response.json().time_entry_requirements).toEqual({
      require_task: true,
      require_description: true,
      description_min_length: 5,
    })
  })

  it('hides a disabled clients module from a user but not from an administrator', async () => {
    await t.deps.database.db
      .updateTable('settings')
      .set({ disabledModuleIds: JSON.stringify(['clients']) })
      .execute()

    const asUser = (await getMeAs('user')).response.json()
    const asAdmin = (await getMeAs('admin')).response.json()

    expect(asUser.enabled_modules).not.toContain('clients')
    expect(asUser.enabled_modules).not.toContain('quotes')
    expect(asAdmin.enabled_modules).toContain('clients')
    expect(asAdmin.user.role).toBe('admin')
  })

  it('answers a signed-in browser session without a token', async () => {
    const user = await createUser(t.deps)
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/login',
      payload: { username: user.username, password: 'password-123' },
    })
    const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ')

    const response = await t.app.inject({ method: 'GET', url: ME, headers: { cookie } })

    expect(response.statusCode).toBe(200)
    expect(response.json().user.id).toBe(user.id)
  })
})
