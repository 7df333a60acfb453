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

describe.each(dialects)('POST /api/v1/time-entries on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  async function countEntries(): Promise<number> {
    const row = await t.deps.database.db
      .selectFrom('timeEntries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  const create = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/time-entries', headers, payload })

  function expectFailure(
    response: { statusCode: number; json(): unknown },
    status: number,
    code: string,
    message: string,
  ) {
    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({ success: false, error: message, message, error_code: code })
  }

  describe('completed entries', () => {
    it("stores the legacy desktop's form with UTC times and answers 201 with the entry", async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user, { name: 'Website' })
      const task = await createTask(t.deps, project, user, { name: 'Copy' })

      const response = await create(headers, {
        project_id: project.id,
        task_id: task.id,
        start_time: '2025-05-01T07:00:00.000Z',
        end_time: '2025-05-01T08:30:00.000Z',
        notes: '  Wrote copy ',
        tags: 'a, b,,c',
        billable: false,
      })

      expect(response.statusCode).toBe(201)
      expect(response.json()).toEqual({
        message: 'Time entry created successfully',
        time_entry: {
          id: expect.any(Number),
          user_id: user.id,
          project_id: project.id,
          client_id: null,
          task_id: task.id,
          start_time: '2025-05-01T09:00:00',
          end_time: '2025-05-01T10:30:00',
          duration_seconds: 5400,
          break_seconds: 0,
          paused_at: null,
          duration_hours: 1.5,
          duration_formatted: '01:30:00',
          notes: 'Wrote copy',
          tags: 'a, b,,c',
          tag_list: ['a', 'b', 'c'],
          source: 'manual',
          billable: false,
          paid: false,
          invoice_number: null,
          is_active: false,
          created_at: '2025-01-15T11:00:00',
          updated_at: '2025-01-15T11:00:00',
          user: user.username,
          project: 'Website',
          client: null,
          task: 'Copy',
          project_name: 'Website',
          task_name: 'Copy',
        },
      })
    })

    it("reads the mobile app's naive times as app-local wall time and truncates fractions", async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const response = await create(
        { ...headers, prefer: 'datetime=utc' },
        {
          project_id: project.id,
          start_time: '2025-05-01T09:00:00.123456',
          end_time: '2025-05-01 09:45:59.999',
        },
      )

      expect(response.json().time_entry).toMatchObject({
        start_time: '2025-05-01T07:00:00Z',
        end_time: '2025-05-01T07:45:59Z',
        duration_seconds: 2759,
      })
    })

    it('measures an entry across a daylight-saving change by its real length', async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const response = await create(headers, {
        project_id: project.id,
        start_time: '2024-10-27T01:30:00',
        end_time: '2024-10-27T03:30:00',
      })

      expect(response.json().time_entry).toMatchObject({
        duration_seconds: 3 * 3600,
        duration_formatted: '03:00:00',
      })
    })

    it("subtracts the break (negative counts as none) and rounds with the owner's preferences", async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await t.deps.database.db
        .updateTable('users')
        .set({ timeRoundingMinutes: 15 })
        .where('id', '=', user.id)
        .execute()

      const withBreak = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T09:00:00',
        end_time: '2025-01-10T10:00:00',
        break_seconds: '600',
      })
      const negative = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T11:00:00',
        end_time: '2025-01-10T11:07:30',
        break_seconds: -30,
      })

      expect(withBreak.json().time_entry).toMatchObject({
        break_seconds: 600,
        duration_seconds: 45 * 60,
        duration_hours: 0.75,
      })
      expect(negative.json().time_entry).toMatchObject({ break_seconds: 0, duration_seconds: 15 * 60 })
    })

    it('accepts a project of any status and stores paid with the invoice number', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const archived = await createProject(t.deps, user, { status: 'archived' })

      const response = await create(headers, {
        project_id: String(archived.id),
        client_id: null,
        start_time: '2025-01-10T09:00:00',
        end_time: '2025-01-10T10:00:00',
        paid: 'yes',
        invoice_number: ' INV-7 ',
        notes: '   ',
      })

      expect(response.statusCode).toBe(201)
      expect(response.json().time_entry).toMatchObject({ paid: true, invoice_number: 'INV-7', notes: null })
    })

    it('creates client entries, naming the client, and keeps both ids when both are given', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const client = await createClient(t.deps, user, { name: 'Acme' })
      const project = await createProject(t.deps, user, { clientId: client.id })

      const clientOnly = await create(headers, {
        client_id: client.id,
        start_time: '2025-01-10T09:00:00',
        end_time: '2025-01-10T10:00:00',
      })
      const both = await create(headers, {
        project_id: project.id,
        client_id: client.id,
        start_time: '2025-01-10T10:00:00',
        end_time: '2025-01-10T11:00:00',
      })

      expect(clientOnly.json().time_entry).toMatchObject({
        project_id: null,
        client_id: client.id,
        client: 'Acme',
        project: null,
      })
      expect(both.json().time_entry).toMatchObject({
        project_id: project.id,
        client_id: client.id,
        client: 'Acme',
      })
    })

    it("accepts the React desktop's {date, duration_minutes} form, starting at 09:00 local", async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'America/New_York' } })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const task = await createTask(t.deps, project, user)

      const response = await create(headers, {
        project_id: String(project.id),
        task_id: String(task.id),
        duration_minutes: 45,
        date: '2025-03-04',
        notes: '',
      })

      expect(response.statusCode).toBe(201)
      expect(response.json().time_entry).toMatchObject({
        task_id: task.id,
        start_time: '2025-03-04T09:00:00',
        end_time: '2025-03-04T09:45:00',
        duration_seconds: 2700,
      })
    })

    it("starts the {date, duration_minutes} form right after the user's last entry of that day", async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await createTimeEntry(t.deps, user, {
        startTime: new Date('2025-03-04T08:00:00Z'),
        endTime: new Date('2025-03-04T11:20:00Z'),
      })
      await createTimeEntry(t.deps, (await signedIn()).user, {
        startTime: new Date('2025-03-04T12:00:00Z'),
        endTime: new Date('2025-03-04T15:00:00Z'),
      })

      const response = await create(headers, {
        project_id: project.id,
        duration_minutes: '30',
        date: '2025-03-04',
      })

      expect(response.json().time_entry).toMatchObject({
        start_time: '2025-03-04T11:20:00',
        end_time: '2025-03-04T11:50:00',
      })
    })

    it('lets an admin create for another active user, whose rounding applies', async () => {
      t = await buildTestApp({ dialect: name })
      const admin = await signedIn('admin')
      const member = await createUser(t.deps)
      const project = await createProject(t.deps, admin.user)
      await t.deps.database.db
        .updateTable('users')
        .set({ timeRoundingMinutes: 30, timeRoundingMethod: 'up' })
        .where('id', '=', member.id)
        .execute()

      const response = await create(admin.headers, {
        user_id: member.id,
        project_id: project.id,
        start_time: '2025-01-10T09:00:00',
        end_time: '2025-01-10T09:10:00',
      })

      expect(response.json().time_entry).toMatchObject({
        user_id: member.id,
        user: member.username,
        duration_seconds: 1800,
      })
    })
  })

  describe('running entries (no end_time)', () => {
    it('creates a running entry when end_time is omitted or null', async () => {
      t = await buildTestApp({ dialect: name, env: { SINGLE_ACTIVE_TIMER: 'false' } })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const omitted = await create(headers, { project_id: project.id, start_time: '2025-01-15T09:00:00' })
      const nulled = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-15T09:30:00',
        end_time: null,
      })

      expect(omitted.statusCode).toBe(201)
      expect(omitted.json().time_entry).toMatchObject({
        end_time: null,
        duration_seconds: null,
        is_active: true,
        duration_formatted: '01:00:00',
        source: 'manual',
      })
      expect(nulled.json().time_entry).toMatchObject({ is_active: true })
    })

    it('answers 409 when the owner already runs a timer and single_active_timer is on', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await create(headers, { project_id: project.id, start_time: '2025-01-15T09:00:00' })

      const response = await create(headers, { project_id: project.id, start_time: '2025-01-15T09:30:00' })

      expectFailure(
        response,
        409,
        'timer_already_running',
        'You already have an active timer. Stop it before starting a new one.',
      )
      expect(await countEntries()).toBe(1)
    })

    it.each([
      [
        'archived',
        'project_archived',
        'Cannot start timer for an archived project. Please unarchive the project first.',
      ],
      ['inactive', 'project_inactive', 'Cannot start timer for an inactive project'],
    ] as const)('refuses a running entry on an %s project', async (status, code, message) => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user, { status })

      const response = await create(headers, { project_id: project.id, start_time: '2025-01-15T09:00:00' })

      expectFailure(response, 400, code, message)
    })

    it('does not check overlaps for running entries and allows client-only running entries', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const client = await createClient(t.deps, user)
      await createTimeEntry(t.deps, user, {
        startTime: new Date('2025-01-15T08:00:00Z'),
        endTime: new Date('2025-01-15T09:30:00Z'),
      })

      const response = await create(headers, { client_id: client.id, start_time: '2025-01-15T09:00:00' })

      expect(response.statusCode).toBe(201)
    })
  })
})
