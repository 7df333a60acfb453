import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bearer,
  createClient,
  createProject,
  createTask,
  createToken,
  createUser,
} from '../../../test/factories.js'
import { insertTimeEntry } from '../../../test/fixtures/time-entry-rows.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const DETAILED = '/api/v1/reports/detailed'
const JANUARY = '?start_date=2024-01-01&end_date=2024-01-31'

function idsOf(entries: { id: number }[]) {
  return entries.map((e) => e.id)
}

function ownersOf(entries: { id: number; user: string }[]) {
  return entries.map((e) => [e.id, e.user])
}

describe.each(dialects)('GET /api/v1/reports/detailed on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
  })

  afterEach(async () => t?.close())

  async function detailedAs(user: User, query = '', headers: Record<string, string> = {}) {
    const token = await createToken(t.deps, user, ['read:reports'])
    return t.app.inject({ method: 'GET', url: DETAILED + query, headers: { ...bearer(token), ...headers } })
  }

  /** Alice: 3 counted January entries and a running timer; Bob: 1 entry. */
  async function seedJanuary() {
    const alice = await createUser(t.deps)
    const bob = await createUser(t.deps)
    const website = await createProject(t.deps, alice, { name: 'Website' })
    const mobile = await createProject(t.deps, alice, { name: 'Mobile' })
    const design = await createTask(t.deps, website, alice, { name: 'Design' })
    const client = await createClient(t.deps, alice)
    const ids = {
      design: await insertTimeEntry(t.deps, {
        user: alice,
        start: '2024-01-02T09:00:00Z',
        seconds: 7200,
        projectId: website.id,
        taskId: design.id,
        notes: 'Homepage',
        tags: 'design,web',
      }),
      mobile: await insertTimeEntry(t.deps, {
        user: alice,
        start: '2024-01-03T09:00:00Z',
        seconds: 5400,
        projectId: mobile.id,
        billable: false,
      }),
      support: await insertTimeEntry(t.deps, {
        user: alice,
        start: '2024-01-10T09:00:00Z',
        seconds: 450,
        clientId: client.id,
      }),
      bob: await insertTimeEntry(t.deps, {
        user: bob,
        start: '2024-01-05T09:00:00Z',
        seconds: 3600,
        projectId: website.id,
      }),
    }
    await insertTimeEntry(t.deps, { user: alice, start: '2024-01-15T09:00:00Z', projectId: website.id }) // running
    return { alice, bob, website, mobile, design, client, ids }
  }

  it('lists the user’s completed entries, newest first, with the totals of the whole range', async () => {
    const { alice, website, mobile, design, client, ids } = await seedJanuary()

    const response = await detailedAs(alice, JANUARY)

    // total 7200 + 5400 + 450 = 13050 s = 3.625 h → 3.63; billable 7200 + 450 = 7650 s = 2.125 h → 2.13.
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      totals: {
        start_date: '2024-01-01T00:00:00',
        end_date: '2024-01-31T23:59:59',
        total_hours: 3.63,
        billable_hours: 2.13,
        total_entries: 3,
      },
      time_entries: [
        {
          id: ids.support,
          user_id: alice.id,
          user: alice.username,
          project_id: null,
          project: null,
          task_id: null,
          task: null,
          client_id: client.id,
          start_time: '2024-01-10T09:00:00',
          end_time: '2024-01-10T09:07:30',
          duration_seconds: 450,
          duration_hours: 0.13,
          duration_formatted: '00:07:30',
          notes: null,
          tags: null,
          billable: true,
        },
        expect.objectContaining({
          id: ids.mobile,
          project_id: mobile.id,
          project: 'Mobile',
          duration_hours: 1.5,
          billable: false,
        }),
        expect.objectContaining({
          id: ids.design,
          project_id: website.id,
          project: 'Website',
          task_id: design.id,
          task: 'Design',
          duration_formatted: '02:00:00',
          notes: 'Homepage',
          tags: 'design,web',
        }),
      ],
      pagination: {
        page: 1,
        per_page: 50,
        total: 3,
        pages: 1,
        has_next: false,
        has_prev: false,
        next_page: null,
        prev_page: null,
      },
    })
  })

  it('pages the entries while the totals keep covering the whole range', async () => {
    const { alice, ids } = await seedJanuary()

    const first = (await detailedAs(alice, `${JANUARY}&per_page=2`)).json()
    const second = (await detailedAs(alice, `${JANUARY}&per_page=2&page=2`)).json()
    const beyond = (await detailedAs(alice, `${JANUARY}&per_page=2&page=5`)).json()

    expect(idsOf(first.time_entries)).toEqual([ids.support, ids.mobile])
    expect(first.pagination).toMatchObject({ total: 3, pages: 2, has_next: true, next_page: 2 })
    expect(idsOf(second.time_entries)).toEqual([ids.design])
    expect(second.totals.total_entries).toBe(3)
    expect(beyond.time_entries).toEqual([])
    expect(beyond.pagination).toMatchObject({ page: 5, has_next: false, has_prev: true, prev_page: 4 })
  })

  it('clamps per_page as every list does', async () => {
    const { alice } = await seedJanuary()

    const large = (await detailedAs(alice, `${JANUARY}&per_page=500`)).json()
    const zero = (await detailedAs(alice, `${JANUARY}&per_page=0&page=x`)).json()

    expect(large.pagination.per_page).toBe(100)
    expect(zero.pagination).toMatchObject({ page: 1, per_page: 20 })
  })

  it('orders entries with the same start by id, newest first', async () => {
    const user = await createUser(t.deps)
    const first = await insertTimeEntry(t.deps, { user, start: '2024-01-02T09:00:00Z', seconds: 60 })
    const second = await insertTimeEntry(t.deps, { user, start: '2024-01-02T09:00:00Z', seconds: 120 })

    const body = (await detailedAs(user, JANUARY)).json()

    expect(idsOf(body.time_entries)).toEqual([second, first])
  })

  it('shows an administrator every user’s entries with their names, or one user’s by user_id', async () => {
    const { alice, bob, ids } = await seedJanuary()
    const admin = await createUser(t.deps, { role: 'admin' })

    const everyone = (await detailedAs(admin, JANUARY)).json()
    const onlyBob = (await detailedAs(admin, `${JANUARY}&user_id=${bob.id}`)).json()

    expect(ownersOf(everyone.time_entries)).toEqual([
      [ids.support, alice.username],
      [ids.bob, bob.username],
      [ids.mobile, alice.username],
      [ids.design, alice.username],
    ])
    expect(everyone.totals).toMatchObject({ total_hours: 4.63, total_entries: 4 })
    expect(idsOf(onlyBob.time_entries)).toEqual([ids.bob])
  })

  it.each(['user'])('refuses a %s another user’s entries with "Access denied"', async (role) => {
    const { alice } = await seedJanuary()
    const reader = await createUser(t.deps, { role })

    const response = await detailedAs(reader, `${JANUARY}&user_id=${alice.id}`)
    const own = (await detailedAs(reader, JANUARY)).json()

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      success: false,
      error: 'Access denied',
      message: 'Access denied',
      error_code: 'forbidden',
    })
    expect(own.time_entries).toEqual([])
  })

  it('filters by project_id', async () => {
    const { alice, website, ids } = await seedJanuary()

    const body = (await detailedAs(alice, `${JANUARY}&project_id=${website.id}`)).json()

    expect(idsOf(body.time_entries)).toEqual([ids.design])
    expect(body.totals).toMatchObject({ total_hours: 2, billable_hours: 2, total_entries: 1 })
  })

  it('requires the read:reports scope', async () => {
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user, ['read:time_entries'])

    const response = await t.app.inject({ method: 'GET', url: DETAILED, headers: bearer(token) })

    expect(response.statusCode).toBe(403)
    expect(response.json().required_scope).toBe('read:reports')
  })
})

describe.each(dialects)('GET /api/v1/reports/detailed in Europe/Berlin on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
  })

  afterEach(async () => t?.close())

  it('writes entry times as Berlin wall-clock time, or UTC when preferred', async () => {
    const user = await createUser(t.deps)
    await insertTimeEntry(t.deps, { user, start: '2024-07-01T07:00:00Z', seconds: 5400 })
    const token = await createToken(t.deps, user, ['read:reports'])
    const get = (headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'GET',
        url: `${DETAILED}?start_date=2024-07-01&end_date=2024-07-01`,
        headers: { ...bearer(token), ...headers },
      })

    const local = (await get()).json()
    const utc = (await get({ prefer: 'datetime=utc' })).json()

    // 07:00 UTC is 09:00 CEST; the day runs 2024-06-30 22:00 UTC … 2024-07-01 21:59:59 UTC.
    expect(local.time_entries[0]).toMatchObject({
      start_time: '2024-07-01T09:00:00',
      end_time: '2024-07-01T10:30:00',
    })
    expect(local.totals).toMatchObject({
      start_date: '2024-07-01T00:00:00',
      end_date: '2024-07-01T23:59:59',
      total_hours: 1.5,
    })
    expect(utc.time_entries[0]).toMatchObject({
      start_time: '2024-07-01T07:00:00Z',
      end_time: '2024-07-01T08:30:00Z',
    })
    expect(utc.totals).toMatchObject({ start_date: '2024-06-30T22:00:00Z', end_date: '2024-07-01T21:59:59Z' })
  })
})
