import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { insertTimeEntry } from '../../../test/fixtures/time-entry-rows.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const PROJECTS = '/api/v1/reports/projects'
const USERS = '/api/v1/reports/users'
const JANUARY = '?start_date=2024-01-01&end_date=2024-01-31'
function hoursByUser(users: { user_id: number; hours: number }[]) {
  return users.map((u) => [u.user_id, u.hours])
}

const DENIED = { success: false, error: 'Access denied', message: 'Access denied', error_code: 'forbidden' }

describe.each(dialects)('GET /api/v1/reports/projects and /users on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
  })

  afterEach(async () => t?.close())

  async function reportAs(user: User, path: string, query = '') {
    const token = await createToken(t.deps, user, ['read:reports'])
    return t.app.inject({ method: 'GET', url: path + query, headers: bearer(token) })
  }

  /** Website: Alice 2 h + 45 min billable, Bob 1 h not billable; Mobile: Alice 1.5 h not billable; 450 s client-only. */
  async function seedJanuary() {
    const alice = await createUser(t.deps)
    const bob = await createUser(t.deps)
    await t.deps.database.db
      .updateTable('users')
      .set({ fullName: 'Alice Example' })
      .where('id', '=', alice.id)
      .execute()
    const acme = await createClient(t.deps, alice, { name: 'Acme' })
    const website = await createProject(t.deps, alice, { name: 'Website', clientId: acme.id })
    const mobile = await createProject(t.deps, alice, { name: 'Mobile' })
    const entry = (user: User, start: string, seconds: number, more: object = {}) =>
      insertTimeEntry(t.deps, { user, start, seconds, projectId: website.id, ...more })
    await entry(alice, '2024-01-02T09:00:00Z', 7200)
    await entry(alice, '2024-01-31T23:00:00Z', 2700)
    await entry(bob, '2024-01-05T09:00:00Z', 3600, { billable: false })
    await entry(alice, '2024-01-03T09:00:00Z', 5400, { projectId: mobile.id, billable: false })
    await entry(alice, '2024-01-10T09:00:00Z', 450, { projectId: null, clientId: acme.id })
    await entry(alice, '2024-02-01T09:00:00Z', 3600) // outside the range
    await insertTimeEntry(t.deps, { user: alice, start: '2024-01-20T09:00:00Z', projectId: website.id }) // running
    return { alice, bob, acme, website, mobile }
  }

  // Totals for everyone: 7200 + 2700 + 3600 + 5400 + 450 = 19350 s = 5.375 h → 5.38;
  // billable 7200 + 2700 + 450 = 10350 s = 2.875 h → 2.88; 5 entries.
  const everyoneTotals = {
    start_date: '2024-01-01T00:00:00',
    end_date: '2024-01-31T23:59:59',
    total_hours: 5.38,
    billable_hours: 2.88,
    total_entries: 5,
  }

  it('gives an administrator all and billable hours per project, most hours first, with client names', async () => {
    const { acme, website, mobile } = await seedJanuary()
    const admin = await createUser(t.deps, { role: 'admin' })

    const response = await reportAs(admin, PROJECTS, JANUARY)

    // Website 7200 + 2700 + 3600 = 13500 s = 3.75 h, billable 9900 s = 2.75 h; Mobile 1.5 h, none billable.
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      totals: everyoneTotals,
      projects: [
        {
          project_id: website.id,
          project_name: 'Website',
          client_id: acme.id,
          client_name: 'Acme',
          hours: 3.75,
          billable_hours: 2.75,
          entries: 3,
        },
        {
          project_id: mobile.id,
          project_name: 'Mobile',
          client_id: mobile.clientId,
          client_name: expect.any(String),
          hours: 1.5,
          billable_hours: 0,
          entries: 1,
        },
      ],
    })
  })

  it('gives an administrator all and billable hours per user, with display names', async () => {
    const { alice, bob } = await seedJanuary()
    const admin = await createUser(t.deps, { role: 'admin' })

    const response = await reportAs(admin, USERS, JANUARY)

    // Alice 7200 + 2700 + 5400 + 450 = 15750 s = 4.375 h → 4.38, billable 10350 s → 2.88; Bob 1 h, none billable.
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      totals: everyoneTotals,
      users: [
        {
          user_id: alice.id,
          username: alice.username,
          display_name: 'Alice Example',
          hours: 4.38,
          billable_hours: 2.88,
          entries: 4,
        },
        {
          user_id: bob.id,
          username: bob.username,
          display_name: bob.username,
          hours: 1,
          billable_hours: 0,
          entries: 1,
        },
      ],
    })
  })

  it('reports only the caller’s own entries to a non-administrator', async () => {
    const { bob, website } = await seedJanuary()

    const projects = (await reportAs(bob, PROJECTS, JANUARY)).json()
    const users = (await reportAs(bob, USERS, JANUARY)).json()

    expect(projects.totals).toMatchObject({ total_hours: 1, billable_hours: 0, total_entries: 1 })
    expect(projects.projects).toEqual([
      expect.objectContaining({ project_id: website.id, hours: 1, entries: 1 }),
    ])
    expect(users.users).toEqual([expect.objectContaining({ user_id: bob.id, hours: 1, entries: 1 })])
  })

  it.each(['user', 'viewer'])(
    'refuses a %s another user’s grouped reports with "Access denied"',
    async (role) => {
      const { alice } = await seedJanuary()
      const reader = await createUser(t.deps, { role })

      const projects = await reportAs(reader, PROJECTS, `${JANUARY}&user_id=${alice.id}`)
      const users = await reportAs(reader, USERS, `${JANUARY}&user_id=${alice.id}`)

      expect(projects.statusCode).toBe(403)
      expect(projects.json()).toEqual(DENIED)
      expect(users.statusCode).toBe(403)
      expect(users.json()).toEqual(DENIED)
    },
  )

  it('narrows both reports to one project and one user', async () => {
    const { alice, website } = await seedJanuary()
    const admin = await createUser(t.deps, { role: 'admin' })
    const query = `${JANUARY}&project_id=${website.id}&user_id=${alice.id}`

    const projects = (await reportAs(admin, PROJECTS, query)).json()
    const users = (await reportAs(admin, USERS, query)).json()

    // Alice on Website: 7200 + 2700 = 9900 s = 2.75 h, all billable.
    expect(projects.projects).toEqual([
      expect.objectContaining({ project_id: website.id, hours: 2.75, billable_hours: 2.75 }),
    ])
    expect(users.users).toEqual([expect.objectContaining({ user_id: alice.id, hours: 2.75, entries: 2 })])
    expect(users.totals).toMatchObject({ total_hours: 2.75, total_entries: 2 })
  })

  it('orders users with equal shown hours by user id', async () => {
    const first = await createUser(t.deps)
    const second = await createUser(t.deps)
    const admin = await createUser(t.deps, { role: 'admin' })
    await insertTimeEntry(t.deps, { user: second, start: '2024-01-02T09:00:00Z', seconds: 3601 })
    await insertTimeEntry(t.deps, { user: first, start: '2024-01-02T09:00:00Z', seconds: 3600 })

    const body = (await reportAs(admin, USERS, JANUARY)).json()

    expect(hoursByUser(body.users)).toEqual([
      [first.id, 1],
      [second.id, 1],
    ])
  })

  it('answers empty groups and zero totals when nothing matches', async () => {
    const user = await createUser(t.deps)

    const projects = (await reportAs(user, PROJECTS, JANUARY)).json()
    const users = (await reportAs(user, USERS, JANUARY)).json()

    expect(projects).toEqual({
      totals: { ...everyoneTotals, total_hours: 0, billable_hours: 0, total_entries: 0 },
      projects: [],
    })
    expect(users.users).toEqual([])
  })

  it('requires the read:reports scope', async () => {
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user, ['read:projects', 'read:users'])

    const projects = await t.app.inject({ method: 'GET', url: PROJECTS, headers: bearer(token) })
    const users = await t.app.inject({ method: 'GET', url: USERS, headers: bearer(token) })

    expect(projects.statusCode).toBe(403)
    expect(users.statusCode).toBe(403)
    expect(users.json().message).toBe("This endpoint requires the 'read:reports' scope")
  })
})

describe.each(dialects)('GET /api/v1/reports/projects in Europe/Berlin on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
  })

  afterEach(async () => t?.close())

  it('groups the entries of the 23-hour spring-forward day by local date', async () => {
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user, { name: 'Spring' })
    const token = await createToken(t.deps, user, ['read:reports'])
    await insertTimeEntry(t.deps, {
      user,
      start: '2024-03-30T22:59:59Z',
      seconds: 600,
      projectId: project.id,
    }) // 23:59:59 CET on the 30th
    await insertTimeEntry(t.deps, {
      user,
      start: '2024-03-30T23:00:00Z',
      seconds: 1200,
      projectId: project.id,
    }) // 00:00 CET
    await insertTimeEntry(t.deps, {
      user,
      start: '2024-03-31T21:59:59Z',
      seconds: 1800,
      projectId: project.id,
    }) // 23:59:59 CEST
    await insertTimeEntry(t.deps, {
      user,
      start: '2024-03-31T22:00:00Z',
      seconds: 600,
      projectId: project.id,
    }) // 00:00 on 1 April

    const response = await t.app.inject({
      method: 'GET',
      url: `${PROJECTS}?start_date=2024-03-31&end_date=2024-03-31`,
      headers: bearer(token),
    })

    // 1200 + 1800 = 3000 s = 0.8333… h → 0.83.
    expect(response.json()).toEqual({
      totals: {
        start_date: '2024-03-31T00:00:00',
        end_date: '2024-03-31T23:59:59',
        total_hours: 0.83,
        billable_hours: 0.83,
        total_entries: 2,
      },
      projects: [
        {
          project_id: project.id,
          project_name: 'Spring',
          client_id: project.clientId,
          client_name: expect.any(String),
          hours: 0.83,
          billable_hours: 0.83,
          entries: 2,
        },
      ],
    })
  })
})
