import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const LOGIN = '/api/v1/auth/login'
const DAY_MS = 86_400_000
const INVALID_CREDENTIALS = {
  success: false,
  error: 'Invalid username or password',
  message: 'Invalid username or password',
  error_code: 'unauthorized',
}

/** Requests that must all fail alike; the bootstrap administrator is admin / admin-password. */
const FAILED_LOGINS: Array<[string, { payload?: string | object; headers?: Record<string, string> }]> = [
  ['a wrong password', { payload: { username: 'admin', password: 'wrong-password' } }],
  ['an unknown user', { payload: { username: 'nobody', password: 'admin-password' } }],
  ['a missing username', { payload: { password: 'admin-password' } }],
  ['a missing password', { payload: { username: 'admin' } }],
  ['an empty password', { payload: { username: 'admin', password: '' } }],
  ['a non-string username', { payload: { username: ['admin'], password: 'admin-password' } }],
  ['a non-string password', { payload: { username: 'admin', password: 12345 } }],
  ['unparsable JSON', { payload: '{"username": "admin", ', headers: { 'content-type': 'application/json' } }],
  [
    'a JSON array',
    { payload: '["admin", "admin-password"]', headers: { 'content-type': 'application/json' } },
  ],
  [
    'a form body',
    {
      payload: 'username=admin&password=admin-password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
  ],
  ['no body at all', {}],
]

const HOSTILE_USERNAMES = [
  "admin' OR '1'='1",
  "admin'--",
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  'admin\u0000',
]

describe.each(dialects)('POST /api/v1/auth/login on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } })
  })

  afterEach(async () => t?.close())

  function login(payload: object) {
    return t.app.inject({ method: 'POST', url: LOGIN, payload })
  }

  async function rowCounts() {
    const db = t.deps.database.db
    const users = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return { users: Number(users.n), tokens: (await t.deps.tokens.list()).length }
  }

  it('returns exactly {"token": "tt_…"} and the token authenticates', async () => {
    const user = await createUser(t.deps)

    const response = await login({ username: user.username, password: 'password-123' })
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: bearer(response.json().token),
    })

    expect(response.statusCode).toBe(200)
    expect(Object.keys(response.json())).toEqual(['token'])
    expect(response.json().token).toMatch(/^tt_[A-Za-z0-9]{32}$/)
    expect(response.headers['x-ratelimit-limit']).toBeUndefined()
    expect(me.statusCode).toBe(200)
    expect(me.json().user.id).toBe(user.id)
  })

  it('issues read:* and write:* to a user, named after the app login, expiring in 90 days', async () => {
    const user = await createUser(t.deps)

    await login({ username: user.username, password: 'password-123' })

    const [token] = await t.deps.tokens.list(user.id)
    expect(token).toMatchObject({
      name: `App login - ${user.username}`,
      description: 'Token issued via desktop/mobile app login',
      scopes: 'read:*,write:*',
      expiresAt: new Date(t.clock.now().getTime() + 90 * DAY_MS),
      isActive: true,
    })
  })

  it('issues admin:all to an administrator', async () => {
    const admin = await t.deps.users.getByUsername('admin')

    await login({ username: 'admin', password: 'admin-password' })

    const [token] = await t.deps.tokens.list(admin.id)
    expect(token).toMatchObject({ name: 'App login - admin', scopes: 'admin:all' })
  })

  it('trims and lowercases the username', async () => {
    const response = await login({ username: '  ADMIN \t', password: 'admin-password' })

    expect(response.statusCode).toBe(200)
  })

  it('creates a new token on every login and leaves last_login alone', async () => {
    const user = await createUser(t.deps)

    const first = await login({ username: user.username, password: 'password-123' })
    const second = await login({ username: user.username, password: 'password-123' })

    expect(first.json().token).not.toBe(second.json().token)
    expect(await t.deps.tokens.list(user.id)).toHaveLength(2)
    expect((await t.deps.users.getById(user.id)).lastLogin).toBeNull()
  })

  it.each(FAILED_LOGINS)('answers the same 401 to %s', async (_label, request) => {
    const response = await t.app.inject({ method: 'POST', url: LOGIN, ...request })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual(INVALID_CREDENTIALS)
    expect(await t.deps.tokens.list()).toEqual([])
  })

  it('answers the same 401 to an inactive user with the right password', async () => {
    const user = await createUser(t.deps)
    await t.deps.database.db.updateTable('users').set({ isActive: false }).where('id', '=', user.id).execute()

    const response = await login({ username: user.username, password: 'password-123' })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual(INVALID_CREDENTIALS)
  })

  it.each(HOSTILE_USERNAMES)(
    'treats the username %j as a failed login that changes nothing',
    async (username) => {
      const before = await rowCounts()

      const response = await login({ username, password: 'admin-password' })

      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual(INVALID_CREDENTIALS)
      expect(await rowCounts()).toEqual(before)
      expect((await login({ username: 'admin', password: 'admin-password' })).statusCode).toBe(200)
    },
  )
})

describe('POST /api/v1/auth/login with API_TOKEN_DEFAULT_EXPIRY_DAYS=0', () => {
  it('issues a token that never expires', async () => {
    const t = await buildTestApp({ env: { API_TOKEN_DEFAULT_EXPIRY_DAYS: '0' } })

    await t.app.inject({
      method: 'POST',
      url: LOGIN,
      payload: { username: 'admin', password: 'admin-password' },
    })

    const [token] = await t.deps.tokens.list()
    expect(token?.expiresAt).toBeNull()
    await t.close()
  })
})
