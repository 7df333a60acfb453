import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const WRONG = { username: 'admin', password: 'wrong-password' }
const RIGHT = { username: 'admin', password: 'admin-password' }

function tooManyAttempts(seconds: number) {
  return {
    success: false,
    error: 'Too many login attempts',
    message: `Too many login attempts, try again in ${seconds} seconds`,
    error_code: 'rate_limited',
  }
}

describe.each(dialects)('the sign-in throttle (LOGIN_RATE_LIMIT_PER_MINUTE) on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
  })

  afterEach(async () => t?.close())

  function apiLogin(payload: object, remoteAddress = '192.0.2.10') {
    return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress })
  }

  function browserLogin(payload: object, remoteAddress = '192.0.2.10') {
    return t.app.inject({ method: 'POST', url: '/login', payload, remoteAddress })
  }

  async function attempts(count: number, send: () => Promise<unknown>, secondsApart = 0) {
    for (let i = 0; i < count; i++) {
      await send()
      t.clock.advanceSeconds(secondsApart)
    }
  }

  it('refuses the sixth attempt within a minute with 429 and Retry-After', async () => {
    await attempts(5, () => apiLogin(WRONG), 2)

    const response = await apiLogin(WRONG)

    expect(response.statusCode).toBe(429)
    expect(response.headers['retry-after']).toBe('50')
    expect(response.json()).toEqual(tooManyAttempts(50))
  })

  it('counts successful attempts too, and issues no token once over the limit', async () => {
    await attempts(5, () => apiLogin(RIGHT))

    const response = await apiLogin(RIGHT)

    expect(response.statusCode).toBe(429)
    expect(await t.deps.tokens.list()).toHaveLength(5)
  })

  it('shares one counter between the API login and the browser sign-in', async () => {
    await attempts(3, () => apiLogin(WRONG))
    await attempts(2, () => browserLogin(WRONG))

    const api = await apiLogin(RIGHT)
    const browser = await browserLogin(RIGHT)

    expect(api.statusCode).toBe(429)
    expect(browser.statusCode).toBe(429)
    expect(browser.json()).toEqual(tooManyAttempts(60))
  })

  it('counts browser attempts against the API login', async () => {
    await attempts(5, () => browserLogin(WRONG))

    const response = await apiLogin(RIGHT)

    expect(response.statusCode).toBe(429)
  })

  it('keeps a separate counter for every client IP', async () => {
    await attempts(5, () => apiLogin(WRONG, '192.0.2.10'))

    const other = await apiLogin(RIGHT, '192.0.2.11')

    expect(other.statusCode).toBe(200)
  })

  it('allows attempts again when the oldest leaves the sliding minute, never sooner', async () => {
    await attempts(5, () => apiLogin(WRONG), 10)
    t.clock.set('2025-01-15T10:00:59.500Z')

    const justBefore = await apiLogin(RIGHT)
    t.clock.set('2025-01-15T10:01:00.000Z')
    const atTheEdge = await apiLogin(RIGHT)
    const nextOne = await apiLogin(RIGHT)

    expect(justBefore.statusCode).toBe(429)
    expect(justBefore.headers['retry-after']).toBe('1')
    expect(atTheEdge.statusCode).toBe(200)
    expect(nextOne.statusCode).toBe(429)
    expect(nextOne.headers['retry-after']).toBe('10')
  })
})

describe('LOGIN_RATE_LIMIT_PER_MINUTE', () => {
  it('sets how many attempts a client IP may make per minute', async () => {
    const t = await buildTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2' } })
    const login = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: WRONG })

    const statuses = [(await login()).statusCode, (await login()).statusCode, (await login()).statusCode]

    expect(statuses).toEqual([401, 401, 429])
    await t.close()
  })
})
