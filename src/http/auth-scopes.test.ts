import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import type { ApiToken } from '../modules/tokens/token.repository.js'
import type { User } from '../modules/users/user.types.js'

const ME = '/api/v1/users/me'

describe.each(dialects)('scopes and usage recording on $name', ({ name }) => {
  let t: TestApp
  let user: User

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
  })

  afterEach(async () => t?.close())

  async function storedToken(): Promise<ApiToken> {
    await t.deps.tokens.flushUsage()
    const [token] = await t.deps.tokens.list(user.id)
    return token!
  }

  function getMe(token: string, method: 'GET' | 'HEAD' = 'GET') {
    return t.app.inject({ method, url: ME, headers: bearer(token) })
  }

  it('answers 403 naming the required scope and the token’s trimmed scopes', async () => {
    const token = await createToken(t.deps, user, ['read:projects'])
    const { id } = await storedToken()
    await t.deps.database.db
      .updateTable('apiTokens')
      .set({ scopes: ' read:projects ,, write:* ,' })
      .where('id', '=', id)
      .execute()

    const response = await getMe(token)

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      success: false,
      error: 'Insufficient permissions',
      message: "This endpoint requires the 'read:users' scope",
      error_code: 'forbidden',
      required_scope: 'read:users',
      available_scopes: ['read:projects', 'write:*'],
    })
  })

  it('lists no available scopes for a token that has none', async () => {
    const token = await createToken(t.deps, user, [])

    const response = await getMe(token)

    expect(response.statusCode).toBe(403)
    expect(response.json().available_scopes).toEqual([])
  })

  it('accepts read:users, read:* and admin:all for GET /users/me', async () => {
    const tokens = await Promise.all([
      createToken(t.deps, user, ['read:users']),
      createToken(t.deps, user, ['read:*']),
      createToken(t.deps, user, ['admin:all']),
    ])

    const responses = await Promise.all(tokens.map((token) => getMe(token)))

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200])
  })

  it('checks the scope on the HEAD twin of a GET route too', async () => {
    const token = await createToken(t.deps, user, ['write:*'])

    const response = await getMe(token, 'HEAD')

    expect(response.statusCode).toBe(403)
  })

  it('leaves usage untouched and sends no rate-limit headers when the scope is missing', async () => {
    const token = await createToken(t.deps, user, ['read:projects'])

    const response = await getMe(token)

    expect(response.statusCode).toBe(403)
    expect(response.headers['x-ratelimit-limit']).toBeUndefined()
    expect(response.headers['x-ratelimit-remaining']).toBeUndefined()
    expect(await storedToken()).toMatchObject({ usageCount: 0, lastUsedAt: null })
  })

  it('leaves usage untouched and sends no rate-limit headers when the token is rejected', async () => {
    const token = await createToken(t.deps, user, ['read:users'], 1)
    t.clock.advanceSeconds(86_401)

    const response = await getMe(token)

    expect(response.statusCode).toBe(401)
    expect(response.headers['x-ratelimit-limit']).toBeUndefined()
    expect(await storedToken()).toMatchObject({ usageCount: 0, lastUsedAt: null })
  })

  it('adds exactly one use per accepted request and sets last_used_at to its time', async () => {
    const token = await createToken(t.deps, user, ['read:users'])

    const first = await getMe(token)
    t.clock.advanceSeconds(90)
    const second = await getMe(token)

    expect([first.statusCode, second.statusCode]).toEqual([200, 200])
    expect(await storedToken()).toMatchObject({ usageCount: 2, lastUsedAt: t.clock.now() })
  })

  it('keeps counting across flushes', async () => {
    const token = await createToken(t.deps, user, ['read:users'])

    await getMe(token)
    await t.deps.tokens.flushUsage()
    await getMe(token)

    expect((await storedToken()).usageCount).toBe(2)
  })
})
