import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import { createUser } from '../../../test/factories.js'

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = ([] as string[]).concat(setCookie ?? []).find((c) => c.startsWith('stint_session='))
  return (header ?? '').split(';')[0] as string
}

describe.each(dialects)('browser sessions on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signIn(username: string, password = 'password-123') {
    return t.app.inject({ method: 'POST', url: '/login', payload: { username, password } })
  }

  it('GET /login serves the sign-in page', async () => {
    t = await buildTestApp({ dialect: name })

    const response = await t.app.inject({ method: 'GET', url: '/login' })

    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
    expect(response.body).toContain('name="password"')
  })

  it('a JSON sign-in answers 200 with the user and sets an HttpOnly SameSite=Lax cookie', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const response = await signIn(user.username.toUpperCase())

    expect(response.statusCode).toBe(200)
    expect(response.json().user).toMatchObject({ id: user.id, username: user.username, role: 'user' })
    const cookie = String(response.headers['set-cookie'])
    expect(cookie).toContain('stint_session=')
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
  })

  it('wrong credentials answer 401 in the standard error shape and set no cookie', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const response = await signIn(user.username, 'not-the-password')

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({
      success: false,
      error: 'Invalid username or password',
      message: 'Invalid username or password',
      error_code: 'unauthorized',
    })
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it('a form sign-in redirects to a local next path, and a failed one shows the page again with the message', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const form = { 'content-type': 'application/x-www-form-urlencoded' }

    const ok = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: form,
      payload: `username=${user.username}&password=password-123&next=%2Freports`,
    })
    const offsite = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: form,
      payload: `username=${user.username}&password=password-123&next=%2F%2Fevil.example`,
    })
    const failed = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: form,
      payload: `username=${user.username}&password=nope`,
    })

    expect(ok.statusCode).toBe(303)
    expect(ok.headers.location).toBe('/reports')
    expect(offsite.headers.location).toBe('/')
    expect(failed.statusCode).toBe(401)
    expect(failed.body).toContain('Invalid username or password')
  })

  it('GET /api/session returns the user and a CSRF token for a signed-in browser, else 401', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const cookie = sessionCookie((await signIn(user.username)).headers['set-cookie'])

    const signedIn = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/session' })
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: cookie.replace(/.$/, 'x') },
    })

    expect(signedIn.statusCode).toBe(200)
    expect(signedIn.json()).toEqual({
      user: expect.objectContaining({ username: user.username }),
      csrf_token: expect.any(String),
    })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toMatchObject({ error: 'Authentication required', error_code: 'unauthorized' })
    expect(forged.statusCode).toBe(401)
  })

  it('a cookie-authenticated write without X-CSRF-Token is refused with 403 csrf_failed', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const cookie = sessionCookie((await signIn(user.username)).headers['set-cookie'])
    const csrf = (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json()
      .csrf_token

    const without = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, accept: 'application/json' },
    })
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, accept: 'application/json', 'x-csrf-token': 'nope' },
    })
    const right = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, accept: 'application/json', 'x-csrf-token': csrf },
    })

    expect(without.statusCode).toBe(403)
    expect(without.json()).toMatchObject({ success: false, error_code: 'csrf_failed' })
    expect(wrong.statusCode).toBe(403)
    expect(right.statusCode).toBe(204)
  })

  it('POST /logout ends the session: the old cookie no longer authenticates', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const cookie = sessionCookie((await signIn(user.username)).headers['set-cookie'])
    const csrf = (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json()
      .csrf_token

    const logout = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf_token=${csrf}`,
    })
    const after = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })

    expect(logout.statusCode).toBe(303)
    expect(logout.headers.location).toBe('/login')
    expect(after.statusCode).toBe(401)
  })

  it('an inactive user cannot sign in and an existing session stops working', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const cookie = sessionCookie((await signIn(user.username)).headers['set-cookie'])

    await t.deps.database.db.updateTable('users').set({ isActive: false }).where('id', '=', user.id).execute()
    const session = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    const again = await signIn(user.username)

    expect(session.statusCode).toBe(401)
    expect(again.statusCode).toBe(401)
  })

  it('the home page redirects an anonymous visitor to /login and greets a signed-in one', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const cookie = sessionCookie((await signIn(user.username)).headers['set-cookie'])

    const anonymous = await t.app.inject({ method: 'GET', url: '/' })
    const signedIn = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } })

    expect(anonymous.statusCode).toBe(302)
    expect(anonymous.headers.location).toBe('/login?next=%2F')
    expect(signedIn.body).toContain(user.username)
  })
})

describe('browser sign-in without a body', () => {
  it('answers 401, not a validation error, when POST /login has no body at all', async () => {
    const t = await buildTestApp()

    const response = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { accept: 'application/json' },
    })

    expect(response.statusCode).toBe(401)
    expect(response.json().error_code).toBe('unauthorized')
    await t.close()
  })
})
