import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

describe.each(dialects)('first-run set-up on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function submit(body: Record<string, string>, remoteAddress = '10.0.0.1') {
    return t.app.inject({ method: 'POST', url: '/setup', payload: body, remoteAddress })
  }

  async function validBody(overrides: Record<string, string> = {}) {
    const code = (await t.deps.setup.codeToAnnounce()) as string
    return {
      setup_code: code,
      username: 'Boss',
      password: 'long-enough',
      password_confirm: 'long-enough',
      ...overrides,
    }
  }

  it('serves the set-up page while no administrator exists', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({ method: 'GET', url: '/setup' })

    expect(response.statusCode).toBe(200)
    expect(response.body).toContain('name="setup_code"')
    expect(await t.deps.setup.codeToAnnounce()).toMatch(/^[A-Za-z0-9]{12}$/)
  })

  it('creates the administrator with the right code, signs them in and leaves set-up mode', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await submit(await validBody())
    const info = await t.app.inject({ method: 'GET', url: '/api/v1/info' })
    const page = await t.app.inject({ method: 'GET', url: '/setup' })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ username: 'boss' })
    expect(String(response.headers['set-cookie'])).toContain('stint_session=')
    expect((await t.deps.users.getByUsername('boss')).role).toBe('admin')
    expect(info.json().setup_required).toBe(false)
    expect(page.statusCode).toBe(302)
    expect(await t.deps.setup.codeToAnnounce()).toBeUndefined()
  })

  it('refuses a wrong code and creates nothing', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await submit(await validBody({ setup_code: 'wrong-code' }))

    expect(response.statusCode).toBe(400)
    expect(response.json().errors.setup_code).toHaveLength(1)
    expect(await t.deps.users.hasActiveAdmin()).toBe(false)
  })

  it('answers 429 after five wrong codes a minute from one address, and accepts again a minute later', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })
    for (let i = 0; i < 5; i++) await submit(await validBody({ setup_code: `wrong-${i}` }))

    const blocked = await submit(await validBody())
    const otherAddress = await submit(await validBody({ setup_code: 'wrong' }), '10.0.0.2')
    t.clock.advanceSeconds(61)
    const later = await submit(await validBody())

    expect(blocked.statusCode).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(otherAddress.statusCode).toBe(400)
    expect(later.statusCode).toBe(201)
  })

  it('names every bad field: short password, mismatched confirmation, bad username', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const short = await submit(await validBody({ password: 'short', password_confirm: 'short' }))
    const mismatch = await submit(await validBody({ password_confirm: 'different-one' }))
    const badName = await submit(await validBody({ username: 'no spaces <script>' }))

    expect(short.json().errors).toHaveProperty('password')
    expect(mismatch.json().errors).toHaveProperty('password_confirm')
    expect(badName.json().errors).toHaveProperty('username')
    expect(await t.deps.users.hasActiveAdmin()).toBe(false)
  })

  it('shows the form again with the message when a form submission fails', async () => {
    t = await buildTestApp({ dialect: name, withoutAdmin: true })

    const response = await t.app.inject({
      method: 'POST',
      url: '/setup',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'setup_code=nope&username=boss&password=long-enough&password_confirm=long-enough',
    })

    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('set-up code is not correct')
  })

  it('refuses a second administrator through /setup once set-up is complete', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await submit({
      setup_code: 'x',
      username: 'intruder',
      password: 'long-enough',
      password_confirm: 'long-enough',
    })

    expect(response.statusCode).toBe(409)
    await expect(t.deps.users.getByUsername('intruder')).rejects.toMatchObject({ kind: 'not_found' })
  })
})
