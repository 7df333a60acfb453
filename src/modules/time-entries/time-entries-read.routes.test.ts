import { afterEach, describe, expect, it } from 'vitest'
import {
  bearer,
  createClient,
  createProject,
  createTask,
  createTimeEntry,
  createToken,
  createUser,
} from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const at = (day: string, time: string) => new Date(`2025-01-${day}T${time}Z`)

describe.each(dialects)('reading time entries on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  async function listIds(headers: Record<string, string>, query = ''): Promise<number[]> {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/time-entries${query}`, headers })
    expect(response.statusCode).toBe(200)
    return (response.json().time_entries as { id: number }[]).map((entry) => entry.id)
  }

  describe('GET /time-entries/{id}', () => {
    it('answers the entry with its names, and needs read:time_entries', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user, { name: 'Apollo' })
      const task = await createTask(t.deps, project, user, { name: 'Launch' })
      const entry = await createTimeEntry(t.deps, user, {
        projectId: project.id,
        taskId: task.id,
        tags: 'x,y',
        breakSeconds: 450,
      })
      const writeOnly = bearer(await createToken(t.deps, user, ['write:time_entries']))

      const response = await t.app.inject({ method: 'GET', url: `/api/v1/time-entries/${entry.id}`, headers })
      const denied = await t.app.inject({
        method: 'GET',
        url: `/api/v1/time-entries/${entry.id}`,
        headers: writeOnly,
      })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({
        time_entry: expect.objectContaining({
          id: entry.id,
          user: user.username,
          project: 'Apollo',
          task: 'Launch',
          client: null,
          tag_list: ['x', 'y'],
          break_seconds: 450,
          duration_seconds: 3150,
          duration_hours: 0.88,
          duration_formatted: '00:52:30',
        }),
      })
      expect(denied.statusCode).toBe(403)
    })

    it("answers 404 when missing, 403 for another user's entry, and shows it to managers and admins", async () => {
      t = await buildTestApp({ dialect: name })
      const member = await signedIn()
      const manager = await signedIn('manager')
      const admin = await signedIn('admin')
      const entry = await createTimeEntry(t.deps, await createUser(t.deps))
      const get = (headers: Record<string, string>, id: number) =>
        t.app.inject({ method: 'GET', url: `/api/v1/time-entries/${id}`, headers })

      const missing = await get(member.headers, 999_999)
      const denied = await get(member.headers, entry.id)

      expect(missing.statusCode).toBe(404)
      expect(missing.json()).toEqual({
        success: false,
        error: 'Time entry not found',
        message: 'Time entry not found',
        error_code: 'not_found',
      })
      expect(denied.statusCode).toBe(403)
      expect(denied.json()).toEqual({
        success: false,
        error: 'Access denied',
        message: 'Access denied',
        error_code: 'forbidden',
      })
      expect((await get(manager.headers, entry.id)).statusCode).toBe(200)
      expect((await get(admin.headers, entry.id)).statusCode).toBe(200)
    })
  })

  describe('GET /time-entries', () => {
    it('lists own completed entries newest first with pagination', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const older = await createTimeEntry(t.deps, user, { startTime: at('10', '09:00:00') })
      const newer = await createTimeEntry(t.deps, user, { startTime: at('11', '09:00:00') })
      const sameStart = await createTimeEntry(t.deps, user, {
        startTime: at('11', '09:00:00'),
        endTime: at('11', '09:30:00'),
      })
      await createTimeEntry(t.deps, user, { startTime: at('12', '09:00:00'), endTime: null })
      await createTimeEntry(t.deps, await createUser(t.deps))

      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/time-entries?per_page=2&perPage=25',
        headers,
      })

      expect((response.json().time_entries as { id: number }[]).map((entry) => entry.id)).toEqual([
        sameStart.id,
        newer.id,
      ])
      expect(response.json().pagination).toEqual({
        page: 1,
        per_page: 2,
        total: 3,
        pages: 2,
        has_next: true,
        has_prev: false,
        next_page: 2,
        prev_page: null,
      })
      expect(await listIds(headers, '?page=2&per_page=2')).toEqual([older.id])
    })

    it('includes running entries only for include_active=true exactly', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const done = await createTimeEntry(t.deps, user)
      const running = await createTimeEntry(t.deps, user, { startTime: at('15', '09:30:00'), endTime: null })

      expect(await listIds(headers, '?include_active=true')).toEqual([running.id, done.id])
      expect(await listIds(headers, '?include_active=True')).toEqual([done.id])
      expect(await listIds(headers, '?include_active=1')).toEqual([done.id])
    })

    it('shows admins and managers everyone, filtered by user_id when asked', async () => {
      t = await buildTestApp({ dialect: name })
      const admin = await signedIn('admin')
      const manager = await signedIn('manager')
      const alice = await createUser(t.deps)
      const bob = await createUser(t.deps)
      const aliceEntry = await createTimeEntry(t.deps, alice, { startTime: at('10', '09:00:00') })
      const bobEntry = await createTimeEntry(t.deps, bob, { startTime: at('11', '09:00:00') })

      expect(await listIds(admin.headers)).toEqual([bobEntry.id, aliceEntry.id])
      expect(await listIds(manager.headers)).toEqual([bobEntry.id, aliceEntry.id])
      expect(await listIds(admin.headers, `?user_id=${alice.id}`)).toEqual([aliceEntry.id])
      expect(await listIds(admin.headers, '?user_id=0')).toEqual([bobEntry.id, aliceEntry.id])
    })

    it("answers 403 when a user asks for someone else's entries, and accepts their own id", async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const own = await createTimeEntry(t.deps, user)
      const other = await createUser(t.deps)

      const denied = await t.app.inject({
        method: 'GET',
        url: `/api/v1/time-entries?user_id=${other.id}`,
        headers,
      })

      expect(denied.statusCode).toBe(403)
      expect(denied.json()).toMatchObject({ error_code: 'forbidden', message: 'Access denied' })
      expect(await listIds(headers, `?user_id=${user.id}`)).toEqual([own.id])
      expect(await listIds(headers, '?user_id=abc')).toEqual([own.id])
    })

    it('filters by project, ignoring a project_id that is not a positive integer', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const inProject = await createTimeEntry(t.deps, user, {
        projectId: project.id,
        startTime: at('10', '09:00:00'),
      })
      const elsewhere = await createTimeEntry(t.deps, user, {
        projectId: null,
        clientId: (await createClient(t.deps, user)).id,
      })

      expect(await listIds(headers, `?project_id=${project.id}`)).toEqual([inProject.id])
      expect(await listIds(headers, '?project_id=abc')).toEqual([elsewhere.id, inProject.id])
      expect(await listIds(headers, '?project_id=0')).toEqual([elsewhere.id, inProject.id])
    })

    it('filters on start_time by date (a date-only end covering its whole day in the app timezone) or datetime', async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
      const { user, headers } = await signedIn()
      const lateOn10th = await createTimeEntry(t.deps, user, {
        startTime: at('10', '22:30:00'),
        endTime: at('10', '22:45:00'),
      })
      const on10th = await createTimeEntry(t.deps, user, { startTime: at('10', '12:00:00') })
      const earlyOn10th = await createTimeEntry(t.deps, user, {
        startTime: at('09', '23:30:00'),
        endTime: at('09', '23:45:00'),
      })
      await createTimeEntry(t.deps, user, { startTime: at('09', '12:00:00') })

      expect(await listIds(headers, '?start_date=2025-01-10&end_date=2025-01-10')).toEqual([
        lateOn10th.id,
        on10th.id,
        earlyOn10th.id,
      ])
      expect(await listIds(headers, '?start_date=2025-01-10T13:00:00&end_date=2025-01-11')).toEqual([
        lateOn10th.id,
        on10th.id,
      ])
      expect(
        await listIds(headers, '?start_date=2025-01-10T12:00:00Z&end_date=2025-01-10T12:00:00Z'),
      ).toEqual([on10th.id])
      expect(await listIds(headers, '?start_date=garbage&end_date=2025-13-45')).toHaveLength(4)
    })

    it('filters billable as the original: "true" selects billable, any other value non-billable', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const billable = await createTimeEntry(t.deps, user, {
        billable: true,
        startTime: at('10', '09:00:00'),
      })
      const unbillable = await createTimeEntry(t.deps, user, { billable: false })

      expect(await listIds(headers, '?billable=TRUE')).toEqual([billable.id])
      for (const value of ['false', '1', 'yes', '']) {
        expect(await listIds(headers, `?billable=${value}`)).toEqual([unbillable.id])
      }
    })

    it('writes datetimes as naive app-local time, or UTC with Prefer: datetime=utc', async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Asia/Kolkata' } })
      const { user, headers } = await signedIn()
      await createTimeEntry(t.deps, user, { startTime: at('10', '09:00:00'), endTime: at('10', '10:00:00') })

      const naive = await t.app.inject({ method: 'GET', url: '/api/v1/time-entries', headers })
      const utc = await t.app.inject({
        method: 'GET',
        url: '/api/v1/time-entries',
        headers: { ...headers, prefer: 'datetime=utc' },
      })

      expect(naive.json().time_entries[0]).toMatchObject({
        start_time: '2025-01-10T14:30:00',
        end_time: '2025-01-10T15:30:00',
      })
      expect(utc.json().time_entries[0]).toMatchObject({
        start_time: '2025-01-10T09:00:00Z',
        end_time: '2025-01-10T10:00:00Z',
      })
    })
  })
})
