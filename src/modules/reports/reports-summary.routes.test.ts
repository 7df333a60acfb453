import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { insertTimeEntry } from '../../../test/fixtures/time-entry-rows.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const SUMMARY = '/api/v1/reports/summary'
const JANUARY = '?start_date=2024-01-01&end_date=2024-01-31'

function hoursByProject(projects: { project_id: number; hours: number }[]) {
  return projects.map((p) => [p.project_id, p.hours])
}

describe.each(dialects)('GET /api/v1/reports/summary on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function start(env: Record<string, string> = {}) {
    t = await buildTestApp({ dialect: name, env })
  }

  async function summaryAs(user: User, query = '', headers: Record<string, string> = {}) {
    const token = await createToken(t.deps, user, ['read:reports'])
    return t.app.inject({ method: 'GET', url: SUMMARY + query, headers: { ...bearer(token), ...headers } })
  }

  /** Alice: 4 counted January entries (and 3 that do not count); Bob: 1. */
  async function seedJanuary() {
    const alice = await createUser(t.deps)
    const bob = await createUser(t.deps)
    const website = await createProject(t.deps, alice, { name: 'Website' })
    const mobile = await createProject(t.deps, alice, { name: 'Mobile' })
    const client = await createClient(t.deps, alice)
    const entry = (user: User, start: string, seconds: number | undefined, more: object = {}) =>
      insertTimeEntry(t.deps, { user, start, seconds, projectId: website.id, ...more })
    await entry(alice, '2024-01-02T09:00:00Z', 7200)
    await entry(alice, '2024-01-03T09:00:00Z', 5400, { projectId: mobile.id, billable: false })
    await entry(alice, '2024-01-31T23:00:00Z', 2700) // last day: a date-only end_date covers it
    await entry(alice, '2024-01-10T09:00:00Z', 450, { projectId: null, clientId: client.id }) // totals only
    await entry(alice, '2024-01-15T09:00:00Z', undefined) // running: never counted
    await entry(alice, '2024-02-01T00:00:00Z', 3600) // after the range
    await entry(alice, '2023-12-31T23:59:59Z', 3600) // before the range
    await entry(bob, '2024-01-05T09:00:00Z', 3600)
    return { alice, bob, website, mobile }
  }

  it('sums a user’s own completed entries in the range, rounding the summed seconds once', async () => {
    await start()
    const { alice, website, mobile } = await seedJanuary()

    const response = await summaryAs(alice, JANUARY)

    // total 7200 + 5400 + 2700 + 450 = 15750 s = 4.375 h → 4.38 (half up);
    // billable 7200 + 2700 + 450 = 10350 s = 2.875 h → 2.88; Website 9900 s = 2.75 h; Mobile 5400 s = 1.5 h.
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      summary: {
        start_date: '2024-01-01T00:00:00',
        end_date: '2024-01-31T23:59:59',
        total_hours: 4.38,
        billable_hours: 2.88,
        total_entries: 4,
        by_project: [
          { project_id: website.id, project_name: 'Website', hours: 2.75, entries: 2 },
          { project_id: mobile.id, project_name: 'Mobile', hours: 1.5, entries: 1 },
        ],
      },
      total_hours: 4.38,
      billable_hours: 2.88,
      total_entries: 4,
    })
  })

  it('counts every user’s entries for an administrator, or only the user named by user_id', async () => {
    await start()
    const { bob, website, mobile } = await seedJanuary()
    const admin = await createUser(t.deps, { role: 'admin' })

    const everyone = (await summaryAs(admin, JANUARY)).json()
    const onlyBob = (await summaryAs(admin, `${JANUARY}&user_id=${bob.id}`)).json()

    // Alice's 15750 s plus Bob's 3600 s = 19350 s = 5.375 h → 5.38; billable 13950 s → 3.88.
    expect(everyone.summary).toMatchObject({ total_hours: 5.38, billable_hours: 3.88, total_entries: 5 })
    expect(everyone.summary.by_project).toEqual([
      { project_id: website.id, project_name: 'Website', hours: 3.75, entries: 3 },
      { project_id: mobile.id, project_name: 'Mobile', hours: 1.5, entries: 1 },
    ])
    expect(onlyBob.summary).toMatchObject({ total_hours: 1, billable_hours: 1, total_entries: 1 })
  })

  it('gives 1.0 hours for three 20-minute entries, where the original adds rounded parts to 0.99', async () => {
    await start()
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user, { name: 'Thirds' })
    for (const hour of ['09', '10', '11']) {
      await insertTimeEntry(t.deps, {
        user,
        start: `2024-03-04T${hour}:00:00Z`,
        seconds: 1200,
        projectId: project.id,
      })
    }

    const body = (await summaryAs(user, '?start_date=2024-03-04&end_date=2024-03-04')).json()

    expect(body.summary.total_hours).toBe(1)
    expect(body.total_hours).toBe(1)
    expect(body.summary.by_project).toEqual([
      { project_id: project.id, project_name: 'Thirds', hours: 1, entries: 3 },
    ])
  })

  it('orders projects by shown hours, then by project id when the rounded hours tie', async () => {
    await start()
    const user = await createUser(t.deps)
    const [first, second, third] = [
      await createProject(t.deps, user),
      await createProject(t.deps, user),
      await createProject(t.deps, user),
    ]
    await insertTimeEntry(t.deps, { user, start: '2024-03-04T09:00:00Z', seconds: 3600, projectId: first.id })
    await insertTimeEntry(t.deps, {
      user,
      start: '2024-03-04T10:00:00Z',
      seconds: 3601,
      projectId: second.id,
    })
    await insertTimeEntry(t.deps, { user, start: '2024-03-04T11:00:00Z', seconds: 3618, projectId: third.id })

    const body = (await summaryAs(user, '?start_date=2024-03-04&end_date=2024-03-04')).json()

    // 3618 s = 1.005 h → 1.01 leads; 3600 s and 3601 s both show 1.0, so the lower id comes first.
    expect(hoursByProject(body.summary.by_project)).toEqual([
      [third.id, 1.01],
      [first.id, 1],
      [second.id, 1],
    ])
  })

  it('counts the 25 hours of a fall-back day in Europe/Berlin and echoes the local range', async () => {
    await start({ APP_TIMEZONE: 'Europe/Berlin' })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const entry = (start: string, seconds: number) =>
      insertTimeEntry(t.deps, { user, start, seconds, projectId: project.id })
    await entry('2024-10-26T21:30:00Z', 1800) // 23:30 CEST on the 26th: outside
    await entry('2024-10-26T22:00:00Z', 1800) // 00:00 CEST on the 27th: first second of the day
    await entry('2024-10-27T00:30:00Z', 3600) // 02:30 CEST → 02:30 CET: one real hour across the change
    await entry('2024-10-27T22:59:59Z', 60) // 23:59:59 CET: last second of the day
    await entry('2024-10-27T23:00:00Z', 60) // 00:00 CET on the 28th: outside
    const day = '?start_date=2024-10-27&end_date=2024-10-27'

    const local = (await summaryAs(user, day)).json()
    const utc = (await summaryAs(user, day, { prefer: 'datetime=utc' })).json()

    // 1800 + 3600 + 60 = 5460 s = 1.5166… h → 1.52.
    expect(local.summary).toMatchObject({
      start_date: '2024-10-27T00:00:00',
      end_date: '2024-10-27T23:59:59',
      total_hours: 1.52,
      total_entries: 3,
    })
    expect(utc.summary).toMatchObject({
      start_date: '2024-10-26T22:00:00Z',
      end_date: '2024-10-27T22:59:59Z',
    })
  })

  it('reads date-only bounds as local days in Europe/Berlin and defaults to the last 30 days', async () => {
    await start({ APP_TIMEZONE: 'Europe/Berlin' })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const entry = (start: string) =>
      insertTimeEntry(t.deps, { user, start, seconds: 900, projectId: project.id })
    await entry('2023-12-31T23:30:00Z') // 00:30 on 1 January in Berlin: inside
    await entry('2024-01-31T22:30:00Z') // 23:30 on 31 January: inside
    await entry('2024-01-31T23:30:00Z') // 00:30 on 1 February: outside

    const january = (await summaryAs(user, JANUARY)).json()
    const byDefault = (await summaryAs(user)).json()

    expect(january.summary).toMatchObject({ total_hours: 0.5, total_entries: 2 })
    // The fixed clock reads 2025-01-15 10:00 UTC = 11:00 in Berlin.
    expect(byDefault.summary).toMatchObject({
      start_date: '2024-12-16T11:00:00',
      end_date: '2025-01-15T11:00:00',
    })
    expect(byDefault.summary.total_entries).toBe(0)
  })

  it.each(['user', 'viewer', 'subcontractor'])(
    'refuses a %s another user’s report with "Access denied" and counts only their own entries otherwise',
    async (role) => {
      await start()
      const { alice } = await seedJanuary()
      const reader = await createUser(t.deps, { role })
      await insertTimeEntry(t.deps, { user: reader, start: '2024-01-20T09:00:00Z', seconds: 1800 })

      const foreign = await summaryAs(reader, `${JANUARY}&user_id=${alice.id}`)
      const own = await summaryAs(reader, `${JANUARY}&user_id=${reader.id}`)

      expect(foreign.statusCode).toBe(403)
      expect(foreign.json()).toEqual({
        success: false,
        error: 'Access denied',
        message: 'Access denied',
        error_code: 'forbidden',
      })
      expect(own.json()).toMatchObject({ total_hours: 0.5, total_entries: 1 })
    },
  )

  it('lets a manager (view_all_reports) read every user’s entries, like an admin', async () => {
    await start()
    const { alice } = await seedJanuary()
    const manager = await createUser(t.deps, { role: 'manager' })

    const everyone = await summaryAs(manager, JANUARY)
    const onlyAlice = await summaryAs(manager, `${JANUARY}&user_id=${alice.id}`)

    expect(everyone.statusCode).toBe(200)
    expect(onlyAlice.statusCode).toBe(200)
    expect(everyone.json().total_entries).toBeGreaterThanOrEqual(onlyAlice.json().total_entries)
    expect(onlyAlice.json()).toMatchObject({ total_hours: 4.38, total_entries: 4 })
  })

  it('ignores a user_id or project_id that is not a non-zero integer', async () => {
    await start()
    const { alice } = await seedJanuary()

    const response = await summaryAs(alice, `${JANUARY}&user_id=abc&project_id=0`)

    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ total_hours: 4.38, total_entries: 4 })
  })

  it('filters by project_id without a visibility check, still over the caller’s own entries only', async () => {
    await start()
    const { alice, bob, website } = await seedJanuary()

    const own = (await summaryAs(alice, `${JANUARY}&project_id=${website.id}`)).json()
    const bobs = (await summaryAs(bob, `${JANUARY}&project_id=${website.id}`)).json()

    expect(own).toMatchObject({ total_hours: 2.75, billable_hours: 2.75, total_entries: 2 })
    expect(bobs.summary.by_project).toEqual([
      { project_id: website.id, project_name: 'Website', hours: 1, entries: 1 },
    ])
  })

  it('matches nothing for ids beyond the stored range instead of failing', async () => {
    await start()
    const { alice } = await seedJanuary()
    const admin = await createUser(t.deps, { role: 'admin' })

    const byProject = await summaryAs(alice, `${JANUARY}&project_id=99999999999`)
    const byUser = await summaryAs(admin, `${JANUARY}&user_id=99999999999`)

    expect(byProject.json()).toMatchObject({ total_hours: 0, billable_hours: 0, total_entries: 0 })
    expect(byUser.json().summary).toMatchObject({ total_entries: 0, by_project: [] })
  })

  it('names a project that no longer exists "Unknown"', async () => {
    await start()
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    await insertTimeEntry(t.deps, {
      user,
      start: '2024-01-02T09:00:00Z',
      seconds: 3600,
      projectId: project.id,
    })
    const db = t.deps.database.db
    // Storage refuses this; a legacy import could still leave such an entry behind.
    if (name === 'sqlite') await sql`pragma foreign_keys = off`.execute(db)
    else await sql`alter table time_entries drop constraint time_entries_project_id_fkey`.execute(db)
    await db.deleteFrom('projects').where('id', '=', project.id).execute()

    const body = (await summaryAs(user, JANUARY)).json()

    expect(body.summary.by_project).toEqual([
      { project_id: project.id, project_name: 'Unknown', hours: 1, entries: 1 },
    ])
  })

  it('requires the read:reports scope and a token', async () => {
    await start()
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user, ['read:time_entries'])

    const unscoped = await t.app.inject({ method: 'GET', url: SUMMARY, headers: bearer(token) })
    const anonymous = await t.app.inject({ method: 'GET', url: SUMMARY })

    expect(unscoped.statusCode).toBe(403)
    expect(unscoped.json()).toMatchObject({
      message: "This endpoint requires the 'read:reports' scope",
      required_scope: 'read:reports',
    })
    expect(anonymous.statusCode).toBe(401)
  })
})
