import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

describe.each(dialects)('POST /api/v1/tasks on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function create(user: User, payload: unknown) {
    const token = await createToken(t.deps, user, ['write:tasks'])
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: bearer(token),
      payload: payload as object,
    })
  }

  async function taskCount(): Promise<number> {
    const row = await t.deps.database.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return Number(row.count)
  }

  it('creates a task with every field, mapping a numeric priority and accepting ids as strings', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const assignee = await createUser(t.deps)
    const project = await createProject(t.deps, user)

    const response = await create(user, {
      name: '  Implement login  ',
      project_id: String(project.id),
      description: '  Add authentication ',
      status: 'in_progress',
      priority: 4,
      assignee_id: ` ${assignee.id} `,
      due_date: '2025-2-3',
      estimated_hours: '2.5',
      tags: ' auth, web ',
      kanban_column: 'doing',
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Task created successfully',
      task: expect.objectContaining({
        project_id: project.id,
        name: 'Implement login',
        description: 'Add authentication',
        status: 'in_progress',
        status_display: 'In Progress',
        priority: 'urgent',
        priority_display: 'Urgent',
        priority_class: 'priority-urgent',
        assigned_to: assignee.id,
        assigned_user: assignee.username,
        due_date: '2025-02-03',
        estimated_hours: 2.5,
        tags: 'auth, web',
        tag_list: ['auth', 'web'],
        created_by: user.id,
        creator: user.username,
        created_at: '2025-01-15T10:00:00',
        total_hours: 0,
        progress_percentage: 0,
      }),
    })
  })

  it('defaults to status todo and priority medium, and stores empty texts as null', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)

    const response = await create(user, {
      name: 'Plain',
      project_id: project.id,
      description: '   ',
      tags: '',
    })

    expect(response.statusCode).toBe(201)
    expect(response.json().task).toMatchObject({
      status: 'todo',
      priority: 'medium',
      description: null,
      tags: null,
      tag_list: [],
      assigned_to: null,
      due_date: null,
      estimated_hours: null,
    })
  })

  it('maps the numbers 1–4 to low, medium, high and urgent and reads priority words in any case', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)

    const stored: string[] = []
    for (const priority of [1, 2, 3, '4', 'High']) {
      const response = await create(user, { name: 'p', project_id: project.id, priority })
      stored.push(response.json().task.priority as string)
    }

    expect(stored).toEqual(['low', 'medium', 'high', 'urgent', 'high'])
  })

  it('names a missing name and project_id together', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const empty = await create(user, {})
    const blank = await create(user, { name: '   ', project_id: null })

    for (const response of [empty, blank]) {
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'Validation failed',
        message: 'Validation failed',
        error_code: 'validation_error',
        errors: { name: ['Task name is required'], project_id: ['project_id is required'] },
      })
    }
    expect(await taskCount()).toBe(0)
  })

  const INVALID_FIELDS: [Record<string, unknown>, string, string][] = [
    [{ priority: 'extreme' }, 'priority', 'Invalid priority. Must be one of: low, medium, high, urgent'],
    [{ priority: 5 }, 'priority', 'Invalid priority. Must be one of: low, medium, high, urgent'],
    [{ priority: 0 }, 'priority', 'Invalid priority. Must be one of: low, medium, high, urgent'],
    [{ priority: null }, 'priority', 'Invalid priority. Must be one of: low, medium, high, urgent'],
    [{ status: 'active' }, 'status', 'Must be one of: todo, in_progress, review, done, on_hold, cancelled.'],
    [{ status: null }, 'status', 'Field may not be null.'],
    [{ due_date: '2025-02-30' }, 'due_date', 'Not a valid date.'],
    [{ due_date: '2025-02-03T10:00:00' }, 'due_date', 'Not a valid date.'],
    [{ estimated_hours: 'lots' }, 'estimated_hours', 'Not a valid number.'],
    [{ assignee_id: 'me' }, 'assignee_id', 'Not a valid integer.'],
    [{ assignee_id: 999999 }, 'assignee_id', 'User not found'],
    [{ assignee_id: 99999999999 }, 'assignee_id', 'User not found'],
    [{ name: 'x'.repeat(201) }, 'name', 'Longer than maximum length 200.'],
    [{ name: 42 }, 'name', 'Not a valid string.'],
    [{ project_id: 'three' }, 'project_id', 'Not a valid integer.'],
    [{ description: 7 }, 'description', 'Not a valid string.'],
  ]

  it('rejects each invalid field with 400 validation_error naming that field alone, and writes nothing', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)

    const answers = []
    for (const [fields] of INVALID_FIELDS) {
      const response = await create(user, { name: 'Valid', project_id: project.id, ...fields })
      answers.push([response.statusCode, response.json()])
    }

    expect(answers).toEqual(
      INVALID_FIELDS.map(([, field, message]) => [
        400,
        {
          success: false,
          error: 'Validation failed',
          message: 'Validation failed',
          error_code: 'validation_error',
          errors: { [field]: [message] },
        },
      ]),
    )
    expect(await taskCount()).toBe(0)
  })

  it('reports every failing rule of the task at once', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const response = await create(user, { name: '', priority: 'extreme', assignee_id: 999999 })

    expect(response.json().errors).toEqual({
      name: ['Task name is required'],
      project_id: ['project_id is required'],
      priority: ['Invalid priority. Must be one of: low, medium, high, urgent'],
      assignee_id: ['User not found'],
    })
  })

  it('answers invalid_project for a project that does not exist', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const response = await create(user, { name: 'Orphan', project_id: 999999 })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Invalid project',
      message: 'Invalid project',
      error_code: 'invalid_project',
    })
    expect(await taskCount()).toBe(0)
  })

  it('refuses a project the user cannot see', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    const foreign = await createProject(t.deps, other)

    const response = await create(user, { name: 'Sneaky', project_id: foreign.id })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      success: false,
      error: 'You do not have access to this project',
      message: 'You do not have access to this project',
      error_code: 'forbidden',
    })
    expect(await taskCount()).toBe(0)
  })

  it('lets managers create tasks in any project and refuses viewers', async () => {
    t = await buildTestApp({ dialect: name })
    const manager = await createUser(t.deps, { role: 'manager' })
    const viewer = await createUser(t.deps, { role: 'viewer' })
    const project = await createProject(t.deps, viewer)

    const byManager = await create(manager, { name: 'By manager', project_id: project.id })
    const byViewer = await create(viewer, { name: 'By viewer', project_id: project.id })

    expect(byManager.statusCode).toBe(201)
    expect(byViewer.statusCode).toBe(403)
    expect(byViewer.json()).toEqual({
      success: false,
      error: 'Insufficient permissions',
      message: 'Insufficient permissions',
      error_code: 'forbidden',
    })
    expect(await taskCount()).toBe(1)
  })

  it('requires the write:tasks scope', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const token = await createToken(t.deps, user, ['read:tasks'])

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: bearer(token),
      payload: { name: 'x', project_id: project.id },
    })

    expect(response.statusCode).toBe(403)
    expect(response.json().required_scope).toBe('write:tasks')
    expect(await taskCount()).toBe(0)
  })
})
