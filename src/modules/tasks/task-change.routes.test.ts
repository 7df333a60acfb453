import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createTask, createToken, createUser } from '../../../test/factories.js'
import { insertTimeEntry } from '../../../test/fixtures/time-entry-rows.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

describe.each(dialects)('changing and deleting tasks on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function send(user: User, method: 'PUT' | 'PATCH' | 'DELETE', id: number, payload?: object) {
    const token = await createToken(t.deps, user, ['write:tasks'])
    return t.app.inject({
      method,
      url: `/api/v1/tasks/${id}`,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    })
  }

  async function storedTask(id: number) {
    return t.deps.database.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst()
  }

  it.each(['PUT', 'PATCH'] as const)(
    '%s changes only the keys sent and ignores unknown ones such as kanban_column',
    async (method) => {
      t = await buildTestApp({ dialect: name })
      const user = await createUser(t.deps)
      const task = await createTask(t.deps, await createProject(t.deps, user), user, {
        name: 'Keep me',
        description: 'Keep this too',
        priority: 'high',
        tags: 'a,b',
        dueDate: '2025-03-01',
      })
      t.clock.advanceSeconds(60)

      const response = await send(user, method, task.id, {
        status: 'review',
        kanban_column: 'review',
        project_id: 12345,
      })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({
        message: 'Task updated successfully',
        task: expect.objectContaining({
          name: 'Keep me',
          description: 'Keep this too',
          status: 'review',
          status_display: 'Review',
          priority: 'high',
          tags: 'a,b',
          due_date: '2025-03-01',
          project_id: task.projectId,
          updated_at: '2025-01-15T10:01:00',
          started_at: null,
          completed_at: null,
        }),
      })
    },
  )

  it('updates every updatable field, including the assignee, and clears fields sent as null', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const assignee = await createUser(t.deps)
    const task = await createTask(t.deps, await createProject(t.deps, user), user, {
      description: 'old',
      tags: 'x',
      dueDate: '2025-03-01',
    })

    const changed = await send(user, 'PATCH', task.id, {
      name: ' Renamed ',
      priority: '1',
      assignee_id: assignee.id,
      estimated_hours: 4,
      description: null,
      tags: '  ',
      due_date: null,
    })
    const unassigned = await send(user, 'PATCH', task.id, { assignee_id: null, status: 'done' })

    expect(changed.json().task).toMatchObject({
      name: 'Renamed',
      priority: 'low',
      assigned_to: assignee.id,
      assigned_user: assignee.username,
      estimated_hours: 4,
      description: null,
      tags: null,
      due_date: null,
    })
    expect(unassigned.json().task).toMatchObject({
      assigned_to: null,
      assigned_user: null,
      status: 'done',
      is_active: false,
    })
    expect(unassigned.json().task.completed_at).toBeNull()
  })

  it('validates updates like creates and writes nothing when they fail', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const task = await createTask(t.deps, await createProject(t.deps, user), user, { name: 'Original' })

    const blank = await send(user, 'PUT', task.id, { name: ' ', priority: 'extreme', assignee_id: 999999 })
    const badStatus = await send(user, 'PATCH', task.id, { name: 'Changed', status: 'started' })
    const badDate = await send(user, 'PATCH', task.id, { name: 'Changed', due_date: '01/02/2025' })

    expect(blank.statusCode).toBe(400)
    expect(blank.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: {
        name: ['Task name is required'],
        priority: ['Invalid priority. Must be one of: low, medium, high, urgent'],
        assignee_id: ['User not found'],
      },
    })
    expect(badStatus.json().errors).toEqual({
      status: ['Must be one of: todo, in_progress, review, done, on_hold, cancelled.'],
    })
    expect(badDate.json().errors).toEqual({ due_date: ['Not a valid date.'] })
    expect((await storedTask(task.id))?.name).toBe('Original')
  })

  it('answers 404 "Task not found" on update and "Task with ID <id> not found" on delete', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const update = await send(user, 'PATCH', 999999, { name: 'x' })
    const remove = await send(user, 'DELETE', 999999)

    expect(update.statusCode).toBe(404)
    expect(update.json()).toEqual({
      success: false,
      error: 'Task not found',
      message: 'Task not found',
      error_code: 'not_found',
    })
    expect(remove.statusCode).toBe(404)
    expect(remove.json()).toEqual({
      success: false,
      error: 'Task with ID 999999 not found',
      message: 'Task with ID 999999 not found',
      error_code: 'not_found',
    })
  })

  it('refuses hidden tasks with 403 on update and delete', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    const hidden = await createTask(t.deps, await createProject(t.deps, other), other, { name: 'Theirs' })

    const update = await send(user, 'PATCH', hidden.id, { name: 'Mine now' })
    const remove = await send(user, 'DELETE', hidden.id)

    for (const response of [update, remove]) {
      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual({
        success: false,
        error: 'You do not have access to this task',
        message: 'You do not have access to this task',
        error_code: 'forbidden',
      })
    }
    expect((await storedTask(hidden.id))?.name).toBe('Theirs')
  })

  it('lets a user change and delete only their own tasks among those they can see', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const manager = await createUser(t.deps, { role: 'manager' })
    const project = await createProject(t.deps, user)
    const managers = await createTask(t.deps, project, manager, { name: "Manager's" })
    const own = await createTask(t.deps, project, user, { name: 'Own' })

    const update = await send(user, 'PATCH', managers.id, { name: 'Taken' })
    const remove = await send(user, 'DELETE', managers.id)
    const ownUpdate = await send(user, 'PATCH', own.id, { name: 'Own, renamed' })

    for (const response of [update, remove]) {
      expect(response.statusCode).toBe(403)
      expect(response.json().message).toBe('Insufficient permissions')
    }
    expect(ownUpdate.statusCode).toBe(200)
    expect((await storedTask(managers.id))?.name).toBe("Manager's")
  })

  it('lets managers and admins change and delete anyone’s tasks and refuses viewers even their own', async () => {
    t = await buildTestApp({ dialect: name })
    const manager = await createUser(t.deps, { role: 'manager' })
    const admin = await createUser(t.deps, { role: 'admin' })
    const viewer = await createUser(t.deps, { role: 'viewer' })
    const other = await createUser(t.deps)
    const project = await createProject(t.deps, other)
    const first = await createTask(t.deps, project, other)
    const second = await createTask(t.deps, project, other)
    const viewers = await createTask(t.deps, await createProject(t.deps, viewer), viewer)

    const byManager = await send(manager, 'PATCH', first.id, { name: 'By manager' })
    const byAdmin = await send(admin, 'DELETE', second.id)
    const viewerUpdate = await send(viewer, 'PATCH', viewers.id, { name: 'x' })
    const viewerDelete = await send(viewer, 'DELETE', viewers.id)

    expect(byManager.statusCode).toBe(200)
    expect(byAdmin.statusCode).toBe(200)
    expect(viewerUpdate.statusCode).toBe(403)
    expect(viewerDelete.statusCode).toBe(403)
    expect(viewerDelete.json().message).toBe('Insufficient permissions')
    expect(await storedTask(viewers.id)).toBeDefined()
  })

  it('deletes the task for good and keeps its time entries without a task', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const task = await createTask(t.deps, project, user)
    const entryId = await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-10T09:00:00Z',
      seconds: 600,
      projectId: project.id,
      taskId: task.id,
    })

    const response = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tasks/${task.id}`,
      headers: {
        ...bearer(await createToken(t.deps, user, ['write:tasks'])),
        'content-type': 'application/json',
      },
    })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ message: 'Task deleted successfully' })
    expect(await storedTask(task.id)).toBeUndefined()
    const entry = await t.deps.database.db
      .selectFrom('timeEntries')
      .select(['taskId', 'projectId'])
      .where('id', '=', entryId)
      .executeTakeFirst()
    expect(entry).toEqual({ taskId: null, projectId: project.id })
  })

  it('requires the write:tasks scope to change or delete', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const task = await createTask(t.deps, await createProject(t.deps, user), user)
    const token = await createToken(t.deps, user, ['read:tasks'])

    const update = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      headers: bearer(token),
      payload: { name: 'x' },
    })
    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tasks/${task.id}`,
      headers: bearer(token),
    })

    expect(update.statusCode).toBe(403)
    expect(remove.statusCode).toBe(403)
    expect(remove.json().required_scope).toBe('write:tasks')
    expect(await storedTask(task.id)).toBeDefined()
  })
})
