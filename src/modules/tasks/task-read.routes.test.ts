import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createTask, createToken, createUser } from '../../../test/factories.js'
import { insertTimeEntry } from '../../../test/fixtures/time-entry-rows.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

describe.each(dialects)('reading tasks on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function get(user: User, url: string, headers: Record<string, string> = {}) {
    const token = await createToken(t.deps, user, ['read:tasks'])
    return t.app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } })
  }

  async function listedNames(user: User, query = '') {
    const response = await get(user, `/api/v1/tasks${query}`)
    return (response.json().tasks as { name: string }[]).map((task) => task.name)
  }

  it('serializes every field of a task, with hours summed from its completed entries', async () => {
    t = await buildTestApp({ dialect: name })
    const owner = await createUser(t.deps)
    const assignee = await createUser(t.deps)
    const project = await createProject(t.deps, owner)
    const task = await createTask(t.deps, project, owner, {
      name: 'Write docs',
      description: 'All of them',
      status: 'in_progress',
      priority: 'high',
      estimatedHours: 2,
      dueDate: '2025-01-14',
      assignedTo: assignee.id,
      tags: 'docs, ,Writing',
    })
    await insertTimeEntry(t.deps, {
      user: owner,
      start: '2025-01-10T09:00:00Z',
      seconds: 1350,
      projectId: project.id,
      taskId: task.id,
    })
    await insertTimeEntry(t.deps, {
      user: owner,
      start: '2025-01-11T09:00:00Z',
      seconds: 450,
      projectId: project.id,
      taskId: task.id,
      billable: false,
    })
    await insertTimeEntry(t.deps, {
      user: owner,
      start: '2025-01-15T09:00:00Z',
      projectId: project.id,
      taskId: task.id,
    })

    const response = await get(owner, `/api/v1/tasks/${task.id}`)

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      task: {
        id: task.id,
        project_id: project.id,
        name: 'Write docs',
        description: 'All of them',
        status: 'in_progress',
        status_display: 'In Progress',
        priority: 'high',
        priority_display: 'High',
        priority_class: 'priority-high',
        estimated_hours: 2,
        due_date: '2025-01-14',
        assigned_to: assignee.id,
        assigned_user: assignee.username,
        created_by: owner.id,
        creator: owner.username,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
        started_at: null,
        completed_at: null,
        total_hours: 0.5,
        total_billable_hours: 0.38,
        progress_percentage: 25,
        is_active: true,
        is_overdue: true,
        tags: 'docs, ,Writing',
        tag_list: ['docs', 'Writing'],
      },
    })
  })

  it('writes datetimes as UTC instants when the client prefers them', async () => {
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
    const owner = await createUser(t.deps)
    const task = await createTask(t.deps, await createProject(t.deps, owner), owner)

    const naive = await get(owner, `/api/v1/tasks/${task.id}`)
    const utc = await get(owner, `/api/v1/tasks/${task.id}`, { prefer: 'datetime=utc' })

    expect(naive.json().task.created_at).toBe('2025-01-15T11:00:00')
    expect(utc.json().task.created_at).toBe('2025-01-15T10:00:00Z')
    expect(utc.headers['preference-applied']).toBe('datetime=utc')
  })

  it('decides is_overdue by the date in the app timezone, and never for done or cancelled tasks', async () => {
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Pacific/Auckland' } })
    t.clock.set('2025-01-15T12:00:00Z') // already 2025-01-16 01:00 in Auckland
    const owner = await createUser(t.deps)
    const project = await createProject(t.deps, owner)
    await createTask(t.deps, project, owner, { name: 'due yesterday there', dueDate: '2025-01-15' })
    await createTask(t.deps, project, owner, { name: 'due today there', dueDate: '2025-01-16' })
    await createTask(t.deps, project, owner, { name: 'done', dueDate: '2025-01-01', status: 'done' })
    await createTask(t.deps, project, owner, {
      name: 'cancelled',
      dueDate: '2025-01-01',
      status: 'cancelled',
    })
    await createTask(t.deps, project, owner, { name: 'no due date' })

    const response = await get(owner, '/api/v1/tasks')

    const flags = Object.fromEntries(
      (response.json().tasks as { name: string; is_overdue: boolean; is_active: boolean }[]).map((task) => [
        task.name,
        [task.is_overdue, task.is_active],
      ]),
    )
    expect(flags).toEqual({
      'due yesterday there': [true, true],
      'due today there': [false, true],
      done: [false, false],
      cancelled: [false, false],
      'no due date': [false, true],
    })
  })

  it('computes progress as 0 without an estimate, the share to one decimal, and 100 once reached', async () => {
    t = await buildTestApp({ dialect: name })
    const owner = await createUser(t.deps)
    const project = await createProject(t.deps, owner)
    const tasks = {
      none: await createTask(t.deps, project, owner, { name: 'none' }),
      zero: await createTask(t.deps, project, owner, { name: 'zero', estimatedHours: 0 }),
      third: await createTask(t.deps, project, owner, { name: 'third', estimatedHours: 3 }),
      over: await createTask(t.deps, project, owner, { name: 'over', estimatedHours: 0.5 }),
    }
    for (const task of Object.values(tasks)) {
      await insertTimeEntry(t.deps, {
        user: owner,
        start: '2025-01-10T09:00:00Z',
        seconds: 3600,
        projectId: project.id,
        taskId: task.id,
      })
    }

    const response = await get(owner, '/api/v1/tasks')

    const progress = Object.fromEntries(
      (response.json().tasks as { name: string; progress_percentage: number }[]).map((task) => [
        task.name,
        task.progress_percentage,
      ]),
    )
    expect(progress).toEqual({ none: 0, zero: 0, third: 33.3, over: 100 })
  })

  it('orders by priority rank, then due date with none last, then creation time, then id', async () => {
    t = await buildTestApp({ dialect: name })
    const owner = await createUser(t.deps)
    const project = await createProject(t.deps, owner)
    await createTask(t.deps, project, owner, { name: 'low', priority: 'low' })
    await createTask(t.deps, project, owner, { name: 'high undated', priority: 'high' })
    await createTask(t.deps, project, owner, {
      name: 'high due 20th',
      priority: 'high',
      dueDate: '2025-01-20',
    })
    await createTask(t.deps, project, owner, {
      name: 'high due 20th, same time',
      priority: 'high',
      dueDate: '2025-01-20',
    })
    await createTask(t.deps, project, owner, {
      name: 'high due 18th',
      priority: 'high',
      dueDate: '2025-01-18',
    })
    await createTask(t.deps, project, owner, { name: 'medium', priority: 'medium' })
    await createTask(t.deps, project, owner, { name: 'urgent', priority: 'urgent', dueDate: '2025-03-01' })
    t.clock.set('2025-01-15T09:00:00Z')
    await createTask(t.deps, project, owner, {
      name: 'high due 20th, created earlier',
      priority: 'high',
      dueDate: '2025-01-20',
    })

    const names = await listedNames(owner)

    expect(names).toEqual([
      'urgent',
      'high due 18th',
      'high due 20th, created earlier',
      'high due 20th',
      'high due 20th, same time',
      'high undated',
      'medium',
      'low',
    ])
  })

  it('filters by project, exact status and any listed tag as a case-insensitive substring', async () => {
    t = await buildTestApp({ dialect: name })
    const owner = await createUser(t.deps)
    const first = await createProject(t.deps, owner)
    const second = await createProject(t.deps, owner)
    await createTask(t.deps, first, owner, { name: 'a', tags: 'Backend,API' })
    await createTask(t.deps, first, owner, { name: 'b', tags: 'frontend', status: 'done' })
    await createTask(t.deps, second, owner, { name: 'c', tags: '100% done' })
    await createTask(t.deps, second, owner, { name: 'd', tags: '100 percent' })
    await createTask(t.deps, second, owner, { name: 'e' })

    expect(await listedNames(owner, `?project_id=${first.id}`)).toEqual(['a', 'b'])
    expect(await listedNames(owner, '?status=done')).toEqual(['b'])
    expect(await listedNames(owner, '?status=Done')).toEqual([])
    expect(await listedNames(owner, '?tags=END')).toEqual(['a', 'b'])
    expect(await listedNames(owner, '?tags=api,%20frontend%20')).toEqual(['a', 'b'])
    expect(await listedNames(owner, '?tags=0%25')).toEqual(['c'])
    expect(await listedNames(owner, `?tags=api&project_id=${second.id}`)).toEqual([])
  })

  it('ignores a non-integer project_id, an empty status, empty tags and unknown parameters', async () => {
    t = await buildTestApp({ dialect: name })
    const owner = await createUser(t.deps)
    const project = await createProject(t.deps, owner)
    await createTask(t.deps, project, owner, { name: 'a' })
    await createTask(t.deps, project, owner, { name: 'b' })

    expect(await listedNames(owner, '?project_id=abc&status=&tags=,%20,&perPage=1&kanban=1')).toEqual([
      'a',
      'b',
    ])
    expect(await listedNames(owner, '?project_id=99999999999')).toEqual([])
  })

  it('paginates with the shared rules', async () => {
    t = await buildTestApp({ dialect: name })
    const owner = await createUser(t.deps)
    const project = await createProject(t.deps, owner)
    for (const taskName of ['a', 'b', 'c']) await createTask(t.deps, project, owner, { name: taskName })

    const second = await get(owner, '/api/v1/tasks?page=2&per_page=2')
    const clamped = await get(owner, '/api/v1/tasks?per_page=200')
    const beyond = await get(owner, '/api/v1/tasks?page=5&per_page=2')

    expect((second.json().tasks as { name: string }[]).map((task) => task.name)).toEqual(['c'])
    expect(second.json().pagination).toEqual({
      page: 2,
      per_page: 2,
      total: 3,
      pages: 2,
      has_next: false,
      has_prev: true,
      next_page: null,
      prev_page: 1,
    })
    expect(clamped.json().pagination.per_page).toBe(100)
    expect(beyond.json()).toEqual({
      tasks: [],
      pagination: {
        page: 5,
        per_page: 2,
        total: 3,
        pages: 2,
        has_next: false,
        has_prev: true,
        next_page: null,
        prev_page: 4,
      },
    })
  })

  it('shows a user the tasks of their own and member projects and the tasks assigned to or created by them', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    const own = await createProject(t.deps, user)
    const shared = await createProject(t.deps, other)
    const foreign = await createProject(t.deps, other)
    await t.deps.database.db
      .insertInto('projectMembers')
      .values({ projectId: shared.id, userId: user.id })
      .execute()
    await createTask(t.deps, own, other, { name: 'in own project' })
    await createTask(t.deps, shared, other, { name: 'in member project' })
    await createTask(t.deps, foreign, other, { name: 'assigned to me', assignedTo: user.id })
    await createTask(t.deps, foreign, user, { name: 'created by me' })
    await createTask(t.deps, foreign, other, { name: 'hidden' })

    const names = await listedNames(user)

    expect(names.sort()).toEqual(['assigned to me', 'created by me', 'in member project', 'in own project'])
  })

  it('shows managers and admins every task, and subcontractors the tasks of their assigned clients', async () => {
    t = await buildTestApp({ dialect: name })
    const manager = await createUser(t.deps, { role: 'manager' })
    const admin = await createUser(t.deps, { role: 'admin' })
    const subcontractor = await createUser(t.deps, { role: 'subcontractor' })
    const other = await createUser(t.deps)
    const assigned = await createProject(t.deps, other)
    await t.deps.database.db
      .insertInto('userClients')
      .values({ userId: subcontractor.id, clientId: assigned.clientId })
      .execute()
    await createTask(t.deps, assigned, other, { name: 'of assigned client' })
    await createTask(t.deps, await createProject(t.deps, other), other, { name: 'elsewhere' })
    await createTask(t.deps, await createProject(t.deps, null), null, { name: 'legacy' })

    expect((await listedNames(manager)).sort()).toEqual(['elsewhere', 'legacy', 'of assigned client'])
    expect((await listedNames(admin)).sort()).toEqual(['elsewhere', 'legacy', 'of assigned client'])
    expect(await listedNames(subcontractor)).toEqual(['of assigned client'])
  })

  it('answers 404 for a missing task, 403 for a hidden one and 404 for a non-integer id', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    const hidden = await createTask(t.deps, await createProject(t.deps, other), other)

    const missing = await get(user, '/api/v1/tasks/999999')
    const forbidden = await get(user, `/api/v1/tasks/${hidden.id}`)
    const malformed = await get(user, '/api/v1/tasks/abc')

    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({
      success: false,
      error: 'Task not found',
      message: 'Task not found',
      error_code: 'not_found',
    })
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json()).toEqual({
      success: false,
      error: 'You do not have access to this task',
      message: 'You do not have access to this task',
      error_code: 'forbidden',
    })
    expect(malformed.statusCode).toBe(404)
    expect(malformed.json().message).toBe('Resource not found')
  })

  it('requires the read:tasks scope', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user, ['read:projects', 'write:tasks'])

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: bearer(token) })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({
      error: 'Insufficient permissions',
      message: "This endpoint requires the 'read:tasks' scope",
      error_code: 'forbidden',
      required_scope: 'read:tasks',
    })
  })
})
