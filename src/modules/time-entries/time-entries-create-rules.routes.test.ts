import type { Updateable } from 'kysely'
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
import type { SettingsTable } from '../../db/tables.js'

describe.each(dialects)('POST /api/v1/time-entries: validation and rules on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
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

  describe('validation', () => {
    it('collects every field error at once and writes nothing', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await create(headers, {
        start_time: '2025-01-10',
        end_time: 'tomorrow',
        project_id: 'abc',
        task_id: 1.5,
        user_id: true,
        billable: null,
        paid: 'maybe',
        tags: ['a', 'b'],
        notes: 'x'.repeat(5001),
        invoice_number: 'x'.repeat(101),
      })

      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'Validation failed',
        message: 'Validation failed',
        error_code: 'validation_error',
        errors: {
          start_time: ['Not a valid datetime.'],
          end_time: ['Not a valid datetime.'],
          project_id: ['Not a valid integer.'],
          user_id: ['Not a valid integer.'],
          billable: ['Field may not be null.'],
          paid: ['Not a valid boolean.'],
          tags: ['Not a valid string.'],
          notes: ['Longer than maximum length 5000.'],
          invoice_number: ['Longer than maximum length 100.'],
        },
      })
      expect(await countEntries()).toBe(0)
    })

    it.each([
      ['start_time absent', {}, { start_time: ['Missing data for required field.'] }],
      ['start_time null', { start_time: null }, { start_time: ['Field may not be null.'] }],
      ['paid null', { start_time: '2025-01-10T09:00:00', paid: null }, { paid: ['Field may not be null.'] }],
      [
        'date without duration_minutes',
        { date: '2025-01-10' },
        { duration_minutes: ['Missing data for required field.'] },
      ],
      [
        'a date that is not one',
        { date: '2025-02-30', duration_minutes: 5 },
        { date: ['Not a valid date.'] },
      ],
    ])('answers 400 validation_error for %s', async (_case, payload, errors) => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const response = await create(headers, { project_id: project.id, ...payload })

      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        error_code: 'validation_error',
        message: 'Validation failed',
        errors,
      })
    })

    it('treats an empty JSON body as {} and ignores unknown keys', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const empty = await t.app.inject({
        method: 'POST',
        url: '/api/v1/time-entries',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '',
      })
      const extra = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T09:00:00',
        end_time: '2025-01-10T10:00:00',
        kanban_column: 'x',
      })

      expect(empty.json().errors).toEqual({ start_time: ['Missing data for required field.'] })
      expect(extra.statusCode).toBe(201)
    })
  })

  describe('business rules, in order', () => {
    const times = { start_time: '2025-01-10T09:00:00', end_time: '2025-01-10T10:00:00' }

    it('refuses viewers, who may not create entries', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn('viewer')
      const project = await createProject(t.deps, user)

      expectFailure(
        await create(headers, { project_id: project.id, ...times }),
        403,
        'forbidden',
        'Insufficient permissions',
      )
    })

    it('lets only admins create for someone else, and only for an active user', async () => {
      t = await buildTestApp({ dialect: name })
      const member = await signedIn()
      const admin = await signedIn('admin')
      const other = await createUser(t.deps)
      const project = await createProject(t.deps, member.user)
      await t.deps.database.db
        .updateTable('users')
        .set({ isActive: false })
        .where('id', '=', other.id)
        .execute()

      const byMember = await create(member.headers, { user_id: other.id, project_id: project.id, ...times })
      const inactive = await create(admin.headers, { user_id: other.id, project_id: project.id, ...times })
      const missing = await create(admin.headers, { user_id: 999_999, project_id: project.id, ...times })
      const self = await create(member.headers, { user_id: member.user.id, project_id: project.id, ...times })

      expectFailure(byMember, 403, 'forbidden', 'Only admins can create time entries for other users')
      expectFailure(inactive, 400, 'invalid_user', 'Selected user is invalid or inactive')
      expectFailure(missing, 400, 'invalid_user', 'Selected user is invalid or inactive')
      expect(self.statusCode).toBe(201)
    })

    it('needs a project or a client', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await create(headers, { project_id: null, client_id: null, task_id: 3, ...times })

      expectFailure(response, 400, 'missing_project_or_client', 'Either project or client must be selected')
    })

    it('checks the project exists, is visible and owns the task', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const foreign = await createProject(t.deps, await createUser(t.deps))
      const foreignTask = await createTask(t.deps, foreign, null)

      expectFailure(
        await create(headers, { project_id: 999_999, ...times }),
        400,
        'invalid_project',
        'Invalid project',
      )
      expectFailure(
        await create(headers, { project_id: foreign.id, ...times }),
        403,
        'forbidden',
        'You do not have access to this project',
      )
      expectFailure(
        await create(headers, { project_id: project.id, task_id: foreignTask.id, ...times }),
        400,
        'invalid_task',
        'Invalid task for selected project',
      )
      expectFailure(
        await create(headers, { project_id: project.id, task_id: 999_999, ...times }),
        400,
        'invalid_task',
        'Invalid task for selected project',
      )
      expect(await countEntries()).toBe(0)
    })

    it('checks the client exists and is visible, and refuses a task on a client entry', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const client = await createClient(t.deps, user)
      const project = await createProject(t.deps, user, { clientId: client.id })
      const task = await createTask(t.deps, project, user)
      const foreign = await createClient(t.deps, await createUser(t.deps))

      expectFailure(
        await create(headers, { client_id: 999_999, ...times }),
        400,
        'invalid_client',
        'Invalid client',
      )
      expectFailure(
        await create(headers, { client_id: foreign.id, ...times }),
        403,
        'forbidden',
        'You do not have access to this client',
      )
      expectFailure(
        await create(headers, { project_id: project.id, client_id: client.id, task_id: task.id, ...times }),
        400,
        'task_not_allowed',
        'Tasks can only be assigned to project-based time entries',
      )
    })

    it('lets managers and admins log time on any project', async () => {
      t = await buildTestApp({ dialect: name })
      const manager = await signedIn('manager')
      const admin = await signedIn('admin')
      const project = await createProject(t.deps, await createUser(t.deps))

      expect((await create(manager.headers, { project_id: project.id, ...times })).statusCode).toBe(201)
      expect((await create(admin.headers, { project_id: project.id, ...times })).statusCode).toBe(201)
    })

    it('applies the persisted requirements', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const task = await createTask(t.deps, project, user)
      await changeSettings({ timeEntryRequireTask: true, timeEntryRequireDescription: true })

      expectFailure(
        await create(headers, { project_id: project.id, notes: 'x'.repeat(20), ...times }),
        400,
        'task_required',
        'A task must be selected when logging time for a project',
      )
      expectFailure(
        await create(headers, { project_id: project.id, task_id: task.id, ...times }),
        400,
        'description_required',
        'A description is required when logging time',
      )
      expectFailure(
        await create(headers, { project_id: project.id, task_id: task.id, notes: ' too short ', ...times }),
        400,
        'description_too_short',
        'Description must be at least 20 characters',
      )
    })

    it('needs the end after the start', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const equal = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T09:00:00',
        end_time: '2025-01-10T09:00:00',
      })
      const before = await create(headers, {
        project_id: project.id,
        date: '2025-01-10',
        duration_minutes: 0,
      })

      expectFailure(equal, 400, 'invalid_time_range', 'End time must be after start time')
      expectFailure(before, 400, 'invalid_time_range', 'End time must be after start time')
    })

    it("refuses an overlap with the owner's completed entries; touching, running and others' entries are fine", async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await createTimeEntry(t.deps, user, {
        startTime: new Date('2025-01-10T09:00:00Z'),
        endTime: new Date('2025-01-10T10:00:00Z'),
      })
      await createTimeEntry(t.deps, user, { startTime: new Date('2025-01-10T12:00:00Z'), endTime: null })
      await createTimeEntry(t.deps, await createUser(t.deps), {
        startTime: new Date('2025-01-10T14:00:00Z'),
        endTime: new Date('2025-01-10T15:00:00Z'),
      })

      const overlapping = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T09:30:00',
        end_time: '2025-01-10T10:30:00',
      })
      const touching = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T10:00:00',
        end_time: '2025-01-10T11:00:00',
      })
      const overRunning = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T12:30:00',
        end_time: '2025-01-10T13:00:00',
      })
      const overOthers = await create(headers, {
        project_id: project.id,
        start_time: '2025-01-10T14:00:00',
        end_time: '2025-01-10T15:00:00',
      })

      expectFailure(
        overlapping,
        400,
        'overlapping_entry',
        'This time overlaps with an existing entry. Please choose a different time range or edit the existing entry.',
      )
      expect([touching.statusCode, overRunning.statusCode, overOthers.statusCode]).toEqual([201, 201, 201])
    })
  })
})
