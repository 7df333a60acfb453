import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const at = (day: string, time: string) => new Date(`2025-01-${day}T${time}Z`)
const hourFrom = (start: Date) => ({ startTime: start, endTime: new Date(start.getTime() + 3_600_000) })

// pagination.total of GET /time-entries comes from totals the database keeps when only the owner
// narrows the list (db/migrations/2026_12_03_0900); these tests pin it to the rows it counts.
describe.each(dialects)('the total of GET /time-entries on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  async function pagination(headers: Record<string, string>, query = '') {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/time-entries${query}`, headers })
    expect(response.statusCode).toBe(200)
    return response.json().pagination as { total: number; pages: number }
  }

  it("counts the caller's completed entries, everyone's for an admin, running ones only with include_active=true", async () => {
    t = await buildTestApp({ dialect: name })
    const member = await signedIn()
    const admin = await signedIn('admin')
    const other = await createUser(t.deps)
    for (const day of ['06', '07', '08'])
      await createTimeEntry(t.deps, member.user, hourFrom(at(day, '09:00:00')))
    await createTimeEntry(t.deps, member.user, { startTime: at('09', '09:00:00'), endTime: null })
    for (const day of ['06', '07']) await createTimeEntry(t.deps, other, hourFrom(at(day, '09:00:00')))

    const own = await pagination(member.headers, '?per_page=2')
    const ownWithRunning = await pagination(member.headers, '?include_active=true')
    const everyone = await pagination(admin.headers)
    const everyoneWithRunning = await pagination(admin.headers, '?include_active=true')
    const oneUser = await pagination(admin.headers, `?user_id=${other.id}`)

    expect(own).toMatchObject({ total: 3, pages: 2 })
    expect(ownWithRunning.total).toBe(4)
    expect([everyone.total, everyoneWithRunning.total, oneUser.total]).toEqual([5, 6, 2])
  })

  it('follows every change: a created entry, a stopped timer, a deleted entry', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const project = await createProject(t.deps, user)
    const create = (body: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/v1/time-entries', headers, payload: body })

    const created = await create({
      project_id: project.id,
      start_time: '2025-01-06T09:00:00Z',
      end_time: '2025-01-06T10:00:00Z',
    })
    await create({ project_id: project.id, start_time: '2025-01-15T08:00:00Z' })
    const afterCreates = await pagination(headers)
    await t.app.inject({ method: 'POST', url: '/api/v1/timer/stop', headers })
    const afterStop = await pagination(headers)
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/time-entries/${created.json().time_entry.id}`,
      headers,
    })
    const afterDelete = await pagination(headers, '?include_active=true')

    expect([afterCreates.total, afterStop.total, afterDelete.total]).toEqual([1, 2, 1])
  })

  it('counts the matching rows when a filter other than the owner applies', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const apollo = await createProject(t.deps, user)
    const gemini = await createProject(t.deps, user)
    await createTimeEntry(t.deps, user, { ...hourFrom(at('06', '09:00:00')), projectId: apollo.id })
    await createTimeEntry(t.deps, user, {
      ...hourFrom(at('07', '09:00:00')),
      projectId: apollo.id,
      billable: false,
    })
    await createTimeEntry(t.deps, user, { ...hourFrom(at('08', '09:00:00')), projectId: gemini.id })

    const byProject = await pagination(headers, `?project_id=${apollo.id}`)
    const nonBillable = await pagination(headers, '?billable=false')
    const fromDate = await pagination(headers, '?start_date=2025-01-07')
    const untilDate = await pagination(headers, '?end_date=2025-01-06')

    expect([byProject.total, nonBillable.total, fromDate.total, untilDate.total]).toEqual([2, 1, 2, 1])
  })
})
