import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

describe.each(dialects)('GET /api/v1/users and worked hours on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('lists active users by username, paginated, for an admin:all token only', async () => {
    t = await buildTestApp({ dialect: name })
    const admin = await t.deps.users.getByUsername('admin')
    await createUser(t.deps, { username: 'zoe' })
    await createUser(t.deps, { username: 'bob' })
    const gone = await createUser(t.deps, { username: 'carl' })
    await t.deps.database.db.updateTable('users').set({ isActive: false }).where('id', '=', gone.id).execute()
    const adminToken = await createToken(t.deps, admin, ['admin:all'])

    const page = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users?per_page=2',
      headers: bearer(adminToken),
    })
    const second = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users?per_page=2&page=2',
      headers: bearer(adminToken),
    })
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: bearer(await createToken(t.deps, admin, ['read:*'])),
    })

    const names = (r: typeof page) => r.json<{ users: { username: string }[] }>().users.map((u) => u.username)
    expect(names(page)).toEqual(['admin', 'bob'])
    expect(page.json().pagination).toMatchObject({ total: 3, pages: 2, has_next: true })
    expect(names(second)).toEqual(['zoe'])
    expect(refused.statusCode).toBe(403)
    expect(refused.json().required_scope).toBe('admin:all')
  })

  it('reports total_hours from completed entries only, rounded once from the summed seconds', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user)
    const day = new Date('2025-01-06T09:00:00Z').getTime()
    for (let i = 0; i < 3; i++) {
      await createTimeEntry(t.deps, user, {
        startTime: new Date(day + i * 3_600_000),
        endTime: new Date(day + i * 3_600_000 + 1200_000),
      })
    }
    await createTimeEntry(t.deps, user, { startTime: new Date(day + 5 * 3_600_000), endTime: null })

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: bearer(token) })

    expect(me.json().user.total_hours).toBe(1)
    expect(me.json().user.is_admin).toBe(false)
  })
})
