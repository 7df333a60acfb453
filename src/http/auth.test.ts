import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import type { User } from '../modules/users/user.types.js'

const ME = '/api/v1/users/me'

function invalidToken(reason: string) {
  return {
    success: false,
    error: 'Invalid token',
    message: 'The provided API token is invalid or expired',
    error_code: 'unauthorized',
    reason,
  }
}

describe.each(dialects)('the token pipeline on $name', ({ name }) => {
  let t: TestApp
  let user: User

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
  })

  afterEach(async () => t?.close())

  async function tokenId(): Promise<number> {
    const [token] = await t.deps.tokens.list(user.id)
    return token!.id
  }

  function getMe(headers: Record<string, string>, remoteAddress?: string) {
    return t.app.inject({ method: 'GET', url: ME, headers, ...(remoteAddress ? { remoteAddress } : {}) })
  }

  it('answers 401 "Authentication required" when no token is sent', async () => {
    const response = await getMe({})

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      success: false,
      error: 'Authentication required',
      message: 'API token must be provided in Authorization header or X-API-Key header',
      error_code: 'unauthorized',
    })
    expect(response.headers['x-ratelimit-limit']).toBeUndefined()
  })

  it('rejects a token without the tt_ prefix as "Invalid token format"', async () => {
    const response = await getMe(bearer('abc123'))

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual(invalidToken('Invalid token format'))
  })

  it('rejects a well-formed token that was never issued as "Token not found"', async () => {
    const response = await getMe(bearer('tt_' + 'A'.repeat(32)))

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual(invalidToken('Token not found'))
  })

  it('rejects a revoked token as "Token has been revoked"', async () => {
    const token = await createToken(t.deps, user)
    await t.deps.tokens.revoke(await tokenId())

    const response = await getMe(bearer(token))

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual(invalidToken('Token has been revoked'))
  })

  it('accepts a token at the instant it expires and rejects it one second later', async () => {
    const token = await createToken(t.deps, user, ['read:users'], 1)

    t.clock.advanceSeconds(86_400)
    const atExpiry = await getMe(bearer(token))
    t.clock.advanceSeconds(1)
    const afterExpiry = await getMe(bearer(token))

    expect(atExpiry.statusCode).toBe(200)
    expect(afterExpiry.statusCode).toBe(401)
    expect(afterExpiry.json()).toEqual(invalidToken('Token has expired'))
  })

  it('rejects a request from outside the IP whitelist and accepts one from inside', async () => {
    const token = await createToken(t.deps, user)
    const id = await tokenId()
    await t.deps.database.db
      .updateTable('apiTokens')
      .set({ ipWhitelist: '198.51.100.7, 10.0.0.0/8' })
      .where('id', '=', id)
      .execute()

    const outside = await getMe(bearer(token), '192.0.2.1')
    const listed = await getMe(bearer(token), '198.51.100.7')
    const inBlock = await getMe(bearer(token), '10.20.30.40')

    expect(outside.statusCode).toBe(401)
    expect(outside.json()).toEqual(invalidToken('Access denied from this IP address'))
    expect([listed.statusCode, inBlock.statusCode]).toEqual([200, 200])
  })

  it('rejects the token of an inactive user as "User account is inactive"', async () => {
    const token = await createToken(t.deps, user)
    await t.deps.database.db.updateTable('users').set({ isActive: false }).where('id', '=', user.id).execute()

    const response = await getMe(bearer(token))

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual(invalidToken('User account is inactive'))
  })

  it('accepts the token as Bearer, with the Token scheme and in X-API-Key', async () => {
    const token = await createToken(t.deps, user)

    const responses = await Promise.all([
      getMe({ authorization: `Bearer ${token}` }),
      getMe({ authorization: `token ${token}` }),
      getMe({ 'x-api-key': token }),
    ])

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200])
    expect(responses.map((r) => r.json<{ user: { id: number } }>().user.id)).toEqual([
      user.id,
      user.id,
      user.id,
    ])
  })

  it('uses the Authorization token when both headers carry one', async () => {
    const token = await createToken(t.deps, user)
    const unknown = 'tt_' + 'B'.repeat(32)

    const authorizationBad = await getMe({ authorization: `Bearer ${unknown}`, 'x-api-key': token })
    const authorizationGood = await getMe({ authorization: `Bearer ${token}`, 'x-api-key': unknown })

    expect(authorizationBad.json()).toEqual(invalidToken('Token not found'))
    expect(authorizationGood.statusCode).toBe(200)
  })

  it('falls back to X-API-Key when Authorization is Basic', async () => {
    const token = await createToken(t.deps, user)

    const response = await getMe({ authorization: 'Basic dXNlcjpwYXNz', 'x-api-key': token })

    expect(response.statusCode).toBe(200)
  })

  it('answers a CORS preflight without asking for credentials', async () => {
    const response = await t.app.inject({
      method: 'OPTIONS',
      url: ME,
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    })

    expect(response.statusCode).toBe(204)
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example')
  })

  it('puts CORS headers on a 401, so a browser client can read why it failed', async () => {
    const response = await getMe({ origin: 'https://app.example' })

    expect(response.statusCode).toBe(401)
    expect(response.headers['access-control-allow-origin']).toBe('https://app.example')
  })
})
