import type { Updateable } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createTask, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { SettingsTable } from '../../db/tables.js'

describe.each(dialects)('starting the timer on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user', scopes?: string[]) {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user, scopes)) }
  }

  async function changeSettings(values: Updateable<SettingsTable>) {
    await t.deps.database.db.updateTable('settings').set(values).where('id', '=', 1).execute()
  }

  async function countEntries(): Promise<number> {
    const row = await t.deps.database.db
      .selectFrom('timeEntries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/timer/${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })

  describe('GET /timer/status', () => {
    it('answers inactive with a null timer when nothing runs', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await t.app.inject({ method: 'GET', url: '/api/v1/timer/status', headers })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ active: false, timer: null })
    })

    it('shows the running timer with its live duration, and needs read:time_entries', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await post('start', headers, { project_id: project.id })
      t.clock.advanceSeconds(3725)
      const writeOnly = await signedIn('user', ['write:time_entries'])

      const response = await t.app.inject({ method: 'GET', url: '/api/v1/timer/status', headers })
      const denied = await t.app.inject({
        method: 'GET',
        url: '/api/v1/timer/status',
        headers: writeOnly.headers,
      })

      expect(response.json()).toMatchObject({
        active: true,
        timer: { project_id: project.id, duration_formatted: '01:02:05' },
      })
      expect(denied.statusCode).toBe(403)
      expect(denied.json().message).toBe("This endpoint requires the 'read:time_entries' scope")
    })
  })

  describe('POST /timer/start', () => {
    it('starts a running auto entry now and answers 201 with the timer', async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
      t.clock.set('2025-07-01T08:00:00Z')
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user, { name: 'Website' })
      const task = await createTask(t.deps, project, user, { name: 'Design' })

      const response = await post('start', headers, {
        project_id: String(project.id),
        task_id: String(task.id),
        notes: '  Mockups ',
      })

      expect(response.statusCode).toBe(201)
      expect(response.json()).toEqual({
        message: 'Timer started successfully',
        timer: {
          id: expect.any(Number),
          user_id: user.id,
          project_id: project.id,
          client_id: null,
          task_id: task.id,
          start_time: '2025-07-01T10:00:00',
          end_time: null,
          duration_seconds: null,
          break_seconds: 0,
          paused_at: null,
          duration_hours: 0,
          duration_formatted: '00:00:00',
          notes: 'Mockups',
          tags: null,
          tag_list: [],
          source: 'auto',
          billable: true,
          paid: false,
          invoice_number: null,
          is_active: true,
          created_at: '2025-07-01T10:00:00',
          updated_at: '2025-07-01T10:00:00',
          user: user.username,
          project: 'Website',
          client: null,
          task: 'Design',
          project_name: 'Website',
          task_name: 'Design',
        },
      })
    })

    it('writes UTC instants when the client prefers them', async () => {
      t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
      t.clock.set('2025-07-01T08:00:00Z')
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const response = await post('start', { ...headers, prefer: 'datetime=utc' }, { project_id: project.id })

      expect(response.json().timer.start_time).toBe('2025-07-01T08:00:00Z')
      expect(response.headers['preference-applied']).toBe('datetime=utc')
    })

    it.each([
      ['no body at all', undefined],
      ['no project_id', {}],
      ['a null project_id', { project_id: null }],
      ['project_id 0', { project_id: 0 }],
      ['an empty project_id', { project_id: '' }],
    ])('answers 400 "project_id is required" for %s', async (_case, payload) => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await post('start', headers, payload)

      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'project_id is required',
        message: 'project_id is required',
        error_code: 'validation_error',
        errors: { project_id: ['project_id is required'] },
      })
    })

    it('answers 400 for ids that are not integers and writes nothing', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await post('start', headers, { project_id: 'abc', task_id: true, notes: 5 })

      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        message: 'Validation failed',
        error_code: 'validation_error',
        errors: {
          project_id: ['Not a valid integer.'],
          task_id: ['Not a valid integer.'],
          notes: ['Not a valid string.'],
        },
      })
      expect(await countEntries()).toBe(0)
    })

    it("answers 403 for another user's project and for an id that does not exist", async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()
      const other = await createUser(t.deps)
      const foreign = await createProject(t.deps, other)

      const hidden = await post('start', headers, { project_id: foreign.id })
      const missing = await post('start', headers, { project_id: 999_999 })

      for (const response of [hidden, missing]) {
        expect(response.statusCode).toBe(403)
        expect(response.json()).toMatchObject({
          error_code: 'forbidden',
          message: 'You do not have access to this project',
        })
      }
      expect(await countEntries()).toBe(0)
    })

    it('tells an admin that a missing project is invalid', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn('admin')

      const response = await post('start', headers, { project_id: 999_999 })

      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        error_code: 'invalid_project',
        message: 'Invalid project selected',
      })
    })

    it('lets a member start on a project shared with them and a manager on anyone’s', async () => {
      t = await buildTestApp({ dialect: name })
      const owner = await createUser(t.deps)
      const project = await createProject(t.deps, owner)
      const member = await signedIn()
      const manager = await signedIn('manager')
      await t.deps.database.db
        .insertInto('projectMembers')
        .values({ projectId: project.id, userId: member.user.id })
        .execute()

      const byMember = await post('start', member.headers, { project_id: project.id })
      const byManager = await post('start', manager.headers, { project_id: project.id })

      expect(byMember.statusCode).toBe(201)
      expect(byManager.statusCode).toBe(201)
    })

    it('answers 409 timer_already_running before looking at the project', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const archived = await createProject(t.deps, user, { status: 'archived' })
      await post('start', headers, { project_id: project.id })

      const response = await post('start', headers, { project_id: archived.id })

      expect(response.statusCode).toBe(409)
      expect(response.json()).toEqual({
        success: false,
        error: 'You already have an active timer. Stop it before starting a new one.',
        message: 'You already have an active timer. Stop it before starting a new one.',
        error_code: 'timer_already_running',
      })
      expect(await countEntries()).toBe(1)
    })

    it('allows several running timers when single_active_timer is off; status shows the oldest', async () => {
      t = await buildTestApp({ dialect: name, env: { SINGLE_ACTIVE_TIMER: 'false' } })
      const { user, headers } = await signedIn()
      const first = await createProject(t.deps, user)
      const second = await createProject(t.deps, user)

      const started = [
        await post('start', headers, { project_id: first.id }),
        await post('start', headers, { project_id: second.id }),
      ]
      const status = await t.app.inject({ method: 'GET', url: '/api/v1/timer/status', headers })

      expect(started.map((response) => response.statusCode)).toEqual([201, 201])
      expect(status.json().timer.project_id).toBe(first.id)
      const owners = await t.deps.database.db.selectFrom('timeEntries').select('singleTimerOwner').execute()
      expect(owners).toEqual([{ singleTimerOwner: null }, { singleTimerOwner: null }])
    })

    it.each([
      [
        'archived',
        'project_archived',
        'Cannot start timer for an archived project. Please unarchive the project first.',
      ],
      ['inactive', 'project_inactive', 'Cannot start timer for an inactive project'],
    ] as const)('refuses an %s project', async (status, code, message) => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user, { status })

      const response = await post('start', headers, { project_id: project.id })

      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ error_code: code, message })
      expect(await countEntries()).toBe(0)
    })

    it('refuses a task of another project and a task that does not exist', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const otherTask = await createTask(t.deps, await createProject(t.deps, user), user)

      const responses = [
        await post('start', headers, { project_id: project.id, task_id: otherTask.id }),
        await post('start', headers, { project_id: project.id, task_id: 999_999 }),
      ]

      for (const response of responses) {
        expect(response.statusCode).toBe(400)
        expect(response.json()).toMatchObject({
          error_code: 'invalid_task',
          message: 'Selected task is invalid for the chosen project',
        })
      }
    })

    it('applies the persisted task and description requirements', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const task = await createTask(t.deps, project, user)
      await changeSettings({
        timeEntryRequireTask: true,
        timeEntryRequireDescription: true,
        timeEntryDescriptionMinLength: 10,
      })

      const noTask = await post('start', headers, { project_id: project.id, notes: 'long enough notes' })
      const noNotes = await post('start', headers, { project_id: project.id, task_id: task.id, notes: '   ' })
      const short = await post('start', headers, { project_id: project.id, task_id: task.id, notes: 'short' })
      const fine = await post('start', headers, {
        project_id: project.id,
        task_id: task.id,
        notes: 'long enough',
      })

      expect(noTask.json()).toMatchObject({
        error_code: 'task_required',
        message: 'A task must be selected when logging time for a project',
      })
      expect(noNotes.json()).toMatchObject({
        error_code: 'description_required',
        message: 'A description is required when logging time',
      })
      expect(short.json()).toMatchObject({
        error_code: 'description_too_short',
        message: 'Description must be at least 10 characters',
      })
      expect(fine.statusCode).toBe(201)
    })

    it('refuses viewers and tokens without write:time_entries', async () => {
      t = await buildTestApp({ dialect: name })
      const viewer = await signedIn('viewer')
      const readOnly = await signedIn('user', ['read:*'])
      const project = await createProject(t.deps, viewer.user)

      const byViewer = await post('start', viewer.headers, { project_id: project.id })
      const byReadOnly = await post('start', readOnly.headers, { project_id: project.id })

      expect(byViewer.statusCode).toBe(403)
      expect(byViewer.json()).toMatchObject({ error_code: 'forbidden', message: 'Insufficient permissions' })
      expect(byReadOnly.statusCode).toBe(403)
      expect(byReadOnly.json()).toMatchObject({ required_scope: 'write:time_entries' })
    })
  })
})
