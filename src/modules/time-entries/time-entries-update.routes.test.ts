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

const at = (time: string) => new Date(`2025-01-10T${time}Z`)

describe.each(dialects)('PUT|PATCH /api/v1/time-entries/{id} on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  const update = (
    headers: Record<string, string>,
    id: number,
    payload: object,
    method: 'PUT' | 'PATCH' = 'PATCH',
  ) => t.app.inject({ method, url: `/api/v1/time-entries/${id}`, headers, payload })

  function expectFailure(
    response: { statusCode: number; json(): unknown },
    status: number,
    code: string,
    message: string,
  ) {
    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({ success: false, error: message, message, error_code: code })
  }

  async function storedRow(id: number) {
    return t.deps.database.db
      .selectFrom('timeEntries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  }

  it.each(['PUT', 'PATCH'] as const)(
    '%s changes only the keys given and answers with the entry',
    async (method) => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const entry = await createTimeEntry(t.deps, user, {
        startTime: at('09:00:00'),
        endTime: at('10:00:00'),
        notes: 'old',
        tags: 'x',
        billable: true,
      })
      t.clock.advanceSeconds(60)

      const response = await update(
        headers,
        entry.id,
        { notes: 'new', billable: 'false', tags: null, project_id: null },
        method,
      )

      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        message: 'Time entry updated successfully',
        time_entry: {
          id: entry.id,
          notes: 'new',
          billable: false,
          tags: 'x',
          project_id: entry.projectId,
          duration_seconds: 3600,
          updated_at: '2025-01-15T10:01:00',
        },
      })
    },
  )

  it("recomputes the duration with the owner's rounding when times or break change", async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user, { startTime: at('09:00:00'), endTime: at('10:00:00') })
    await t.deps.database.db
      .updateTable('users')
      .set({ timeRoundingMinutes: 15 })
      .where('id', '=', user.id)
      .execute()

    const response = await update(headers, entry.id, { end_time: '2025-01-10T10:20:00', break_seconds: 60 })

    expect(response.json().time_entry).toMatchObject({
      end_time: '2025-01-10T10:20:00',
      break_seconds: 60,
      duration_seconds: 75 * 60,
    })
  })

  it('empties notes and tags with "", clears the invoice number when unpaid, trims a new one', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user, {
      notes: 'n',
      tags: 't',
      paid: true,
      invoiceNumber: 'INV-1',
    })

    const cleared = await update(headers, entry.id, { notes: '', tags: '', paid: false })
    const numbered = await update(headers, entry.id, { paid: true, invoice_number: ' INV-2 ' })
    const emptied = await update(headers, entry.id, { invoice_number: '' })

    expect(cleared.json().time_entry).toMatchObject({
      notes: '',
      tags: '',
      tag_list: [],
      paid: false,
      invoice_number: null,
    })
    expect(numbered.json().time_entry).toMatchObject({ paid: true, invoice_number: 'INV-2' })
    expect(emptied.json().time_entry.invoice_number).toBeNull()
  })

  it('moves an entry to a project (clearing the client) or to a client (clearing project and task)', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const client = await createClient(t.deps, user, { name: 'Acme' })
    const project = await createProject(t.deps, user, { name: 'Site' })
    const task = await createTask(t.deps, project, user)
    const entry = await createTimeEntry(t.deps, user, { projectId: null, clientId: client.id })

    const toProject = await update(headers, entry.id, { project_id: project.id, task_id: task.id })
    const toClient = await update(headers, entry.id, { client_id: client.id })

    expect(toProject.json().time_entry).toMatchObject({
      project_id: project.id,
      client_id: null,
      task_id: task.id,
      project: 'Site',
    })
    expect(toClient.json().time_entry).toMatchObject({
      project_id: null,
      client_id: client.id,
      task_id: null,
      client: 'Acme',
    })
  })

  it('checks the new project, client and task', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user)
    const stranger = await createUser(t.deps)
    const foreignProject = await createProject(t.deps, stranger)
    const foreignClient = await createClient(t.deps, stranger)
    const otherTask = await createTask(t.deps, await createProject(t.deps, user), user)
    const clientEntry = await createTimeEntry(t.deps, user, {
      projectId: null,
      clientId: (await createClient(t.deps, user)).id,
      startTime: at('01:00:00'),
    })

    expectFailure(
      await update(headers, entry.id, { project_id: 999_999 }),
      400,
      'invalid_project',
      'Invalid project',
    )
    expectFailure(
      await update(headers, entry.id, { project_id: foreignProject.id }),
      403,
      'forbidden',
      'You do not have access to this project',
    )
    expectFailure(
      await update(headers, entry.id, { client_id: 999_999 }),
      400,
      'invalid_client',
      'Invalid client',
    )
    expectFailure(
      await update(headers, entry.id, { client_id: foreignClient.id }),
      403,
      'forbidden',
      'You do not have access to this client',
    )
    expectFailure(
      await update(headers, entry.id, { task_id: otherTask.id }),
      400,
      'invalid_task',
      'Invalid task for selected project',
    )
    expectFailure(
      await update(headers, clientEntry.id, { task_id: otherTask.id }),
      400,
      'task_requires_project',
      'Task can only be assigned to project-based time entries',
    )
  })

  it('answers 404 for a missing entry and 403 "Access denied" for someone else’s', async () => {
    t = await buildTestApp({ dialect: name })
    const { headers } = await signedIn()
    const foreign = await createTimeEntry(t.deps, await createUser(t.deps))

    expectFailure(await update(headers, 999_999, { notes: 'x' }), 404, 'not_found', 'Time entry not found')
    expectFailure(await update(headers, foreign.id, { notes: 'x' }), 403, 'forbidden', 'Access denied')
    expect((await storedRow(foreign.id)).notes).toBeNull()
  })

  it("lets managers and admins edit other users' entries, and refuses viewers their own", async () => {
    t = await buildTestApp({ dialect: name })
    const manager = await signedIn('manager')
    const admin = await signedIn('admin')
    const viewer = await signedIn('viewer')
    const entry = await createTimeEntry(t.deps, await createUser(t.deps))
    const viewerEntry = await createTimeEntry(t.deps, viewer.user)

    const byManager = await update(manager.headers, entry.id, { notes: 'by manager' })
    const byAdmin = await update(admin.headers, entry.id, { notes: 'by admin' })
    const byViewer = await update(viewer.headers, viewerEntry.id, { notes: 'mine' })

    expect([byManager.statusCode, byAdmin.statusCode]).toEqual([200, 200])
    expectFailure(byViewer, 403, 'forbidden', 'Insufficient permissions')
  })

  it('answers 409 for a stale if_updated_at and accepts one within two seconds', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user)

    const stale = await update(headers, entry.id, { notes: 'x', if_updated_at: '2025-01-15T09:59:57' })
    const fresh = await update(headers, entry.id, { notes: 'y', if_updated_at: '2025-01-15T10:00:02Z' })

    expectFailure(stale, 409, 'conflict', 'Time entry was modified on the server. Refresh and try again.')
    expect(fresh.statusCode).toBe(200)
  })

  it('refuses an end time on a running entry but lets its start, project and notes change', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const project = await createProject(t.deps, user)
    const running = await createTimeEntry(t.deps, user, {
      startTime: at('09:00:00'),
      endTime: null,
      holdsSingleTimer: true,
    })

    const ended = await update(headers, running.id, { end_time: '2025-01-10T10:00:00' })
    const moved = await update(headers, running.id, {
      start_time: '2025-01-15T09:30:00',
      project_id: project.id,
      notes: 'wip',
    })

    expectFailure(ended, 400, 'timer_active', 'Cannot set end_time on active timer. Stop the timer first.')
    expect(moved.json().time_entry).toMatchObject({
      start_time: '2025-01-15T09:30:00',
      project_id: project.id,
      is_active: true,
      duration_seconds: null,
      duration_formatted: '00:30:00',
    })
  })

  it('refuses an end at or before the start', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user, { startTime: at('09:00:00'), endTime: at('10:00:00') })

    expectFailure(
      await update(headers, entry.id, { start_time: '2025-01-10T10:00:00' }),
      400,
      'invalid_time_range',
      'End time must be after start time',
    )
  })

  it('refuses an overlap with the shorter message, excluding the entry itself', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user, { startTime: at('09:00:00'), endTime: at('10:00:00') })
    await createTimeEntry(t.deps, user, { startTime: at('11:00:00'), endTime: at('12:00:00') })

    const overlapping = await update(headers, entry.id, { end_time: '2025-01-10T11:30:00' })
    const itself = await update(headers, entry.id, {
      start_time: '2025-01-10T09:30:00',
      end_time: '2025-01-10T11:00:00',
    })

    expectFailure(
      overlapping,
      400,
      'overlapping_entry',
      'This time overlaps with an existing entry. Please choose a different time range.',
    )
    expect(itself.json().time_entry.duration_seconds).toBe(5400)
  })

  it('applies the settings requirements to the resulting entry and leaves it untouched on failure', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user, { notes: 'a description long enough' })
    await t.deps.database.db
      .updateTable('settings')
      .set({ timeEntryRequireDescription: true })
      .where('id', '=', 1)
      .execute()
    const before = await storedRow(entry.id)
    t.clock.advanceSeconds(30)

    const response = await update(headers, entry.id, {
      notes: 'short',
      billable: false,
      start_time: '2025-01-15T07:30:00',
    })

    expectFailure(response, 400, 'description_too_short', 'Description must be at least 20 characters')
    expect(await storedRow(entry.id)).toEqual(before)
  })

  it('answers 400 validation_error for bad fields, null leaving them unchanged', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user)

    const response = await update(headers, entry.id, {
      start_time: '2025-01-10',
      billable: 'perhaps',
      notes: ['x'],
      project_id: 'p',
      if_updated_at: 3,
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual({
      start_time: ['Not a valid datetime.'],
      billable: ['Not a valid boolean.'],
      notes: ['Not a valid string.'],
      project_id: ['Not a valid integer.'],
      if_updated_at: ['Not a valid string.'],
    })
  })
})
