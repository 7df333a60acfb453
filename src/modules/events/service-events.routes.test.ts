import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

// Every change of webhooks.md §3.2 raises its events through the service layer, whatever the
// surface; these tests drive the REST API and read the outbox the change committed with.
describe.each(dialects)('events raised by the services on $name', ({ name }) => {
  let t: TestApp
  let actor: User
  let headers: Record<string, string>

  afterEach(async () => t?.close())

  async function start() {
    t = await buildTestApp({ dialect: name })
    t.clock.set(new Date('2025-03-10T12:00:00Z'))
    actor = await createUser(t.deps, { role: 'admin', username: 'ada' })
    headers = bearer(await createToken(t.deps, actor))
  }

  /** The outbox since `after`: [event_type, description] in sequence order. */
  async function raised(after = 0): Promise<string[][]> {
    const rows = await t.deps.database.db
      .selectFrom('events')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .execute()
    return rows.map((row) => [
      row.eventType,
      (JSON.parse(row.envelope) as { description: string }).description,
    ])
  }

  async function latest(): Promise<number> {
    const row = await t.deps.database.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst()
    return Number(row?.id ?? 0)
  }

  async function call(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload ? { payload } : {}),
    })
    expect(response.statusCode, response.body).toBeLessThan(300)
    return response.json<Record<string, any>>()
  }

  it('projects: created with the client, updated + archived, updated + unarchived, DELETE archives', async () => {
    await start()
    const client = await createClient(t.deps, actor, { name: 'Acme' })
    const { project } = await call('POST', '/projects', { name: 'Site', client_id: client.id })
    await call('PATCH', `/projects/${project.id}`, { description: 'same name' })
    await call('PATCH', `/projects/${project.id}`, { description: 'same name' })
    await call('PUT', `/projects/${project.id}`, { status: 'archived' })
    await call('PUT', `/projects/${project.id}`, { status: 'active' })
    await call('DELETE', `/projects/${project.id}`)

    expect(await raised()).toEqual([
      ['project.created', 'Created project "Site" for Acme'],
      ['project.updated', 'Updated project "Site"'],
      ['project.updated', 'Updated project "Site"'],
      ['project.archived', 'Archived project "Site"'],
      ['project.updated', 'Updated project "Site"'],
      ['project.unarchived', 'Unarchived project "Site"'],
      ['project.archived', 'Archived project "Site": Archived via API'],
    ])
  })

  it('tasks: created + assigned, status changes, completion, reassignment, deletion', async () => {
    await start()
    const project = await createProject(t.deps, actor, { name: 'Site' })
    const bob = await createUser(t.deps, { username: 'bob' })
    const { task } = await call('POST', '/tasks', {
      name: 'Logo',
      project_id: project.id,
      assignee_id: bob.id,
    })
    const before = await latest()
    await call('PUT', `/tasks/${task.id}`, { status: 'in_progress' })
    await call('PUT', `/tasks/${task.id}`, { status: 'done', assignee_id: actor.id })
    await call('PUT', `/tasks/${task.id}`, { name: 'Logo' })
    await call('DELETE', `/tasks/${task.id}`)

    expect((await raised()).slice(0, 2)).toEqual([
      ['task.created', 'Created task "Logo" in project "Site"'],
      ['task.assigned', 'Assigned task "Logo" to bob'],
    ])
    expect(await raised(before)).toEqual([
      ['task.updated', 'Updated task "Logo"'],
      ['task.status_changed', 'Changed task "Logo" status from todo to in_progress'],
      ['task.updated', 'Updated task "Logo"'],
      ['task.status_changed', 'Changed task "Logo" status from in_progress to done'],
      ['task.completed', 'Completed task "Logo"'],
      ['task.assigned', 'Assigned task "Logo" to ada'],
      ['task.deleted', 'Deleted task "Logo"'],
    ])
  })

  it('clients: created, updated only when something changed, deleted', async () => {
    await start()
    const { client } = await call('POST', '/clients', { name: 'Globex' })
    await call('PUT', `/clients/${client.id}`, { name: 'Globex' })
    await call('PUT', `/clients/${client.id}`, { email: 'hi@globex.test' })
    await call('DELETE', `/clients/${client.id}`)

    expect(await raised()).toEqual([
      ['client.created', 'Created client "Globex"'],
      ['client.updated', 'Updated client "Globex"'],
      ['client.deleted', 'Deleted client "Globex"'],
    ])
  })

  it('timer and entries: started, paused and resumed silently, stopped with its duration, updated, deleted', async () => {
    await start()
    const project = await createProject(t.deps, actor, { name: 'Site' })
    await call('POST', '/timer/start', { project_id: project.id })
    t.clock.advanceSeconds(600)
    await call('POST', '/timer/pause')
    t.clock.advanceSeconds(60)
    await call('POST', '/timer/resume')
    t.clock.advanceSeconds(3_725 - 600)
    const { time_entry: stopped } = await call('POST', '/timer/stop')
    await call('PUT', `/time-entries/${stopped.id}`, { notes: 'logo work' })
    await call('PUT', `/time-entries/${stopped.id}`, { notes: 'logo work' })
    await call('DELETE', `/time-entries/${stopped.id}`)

    expect(await raised()).toEqual([
      ['time_entry.started', 'Started timer for Site'],
      ['time_entry.stopped', 'Stopped timer for Site - Duration: 01:02:05'],
      ['time_entry.updated', 'Updated time entry for Site'],
      ['time_entry.deleted', 'Deleted time entry for Site - 01:02:05'],
    ])
  })

  it('a failed request raises nothing', async () => {
    await start()
    const before = await latest()
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers,
      payload: { name: 'No client', client_id: 999_999 },
    })
    expect(response.statusCode).toBe(400)
    expect(await raised(before)).toEqual([])
  })

  it('users: created by the CLI path with no acting user, a role change is an update', async () => {
    await start()
    const before = await latest()
    await t.deps.users.create({ username: 'Dana', password: 'dana-password-1', role: 'user' })
    await t.deps.users.setRole('dana', 'manager')
    const rows = await t.deps.database.db.selectFrom('events').selectAll().where('id', '>', before).execute()

    expect(rows.map((row) => row.eventType)).toEqual(['user.created', 'user.updated'])
    const envelope = JSON.parse(rows[0]?.envelope as string) as Record<string, any>
    expect(envelope.user).toEqual({ id: null, username: null, display_name: null })
    expect(envelope.description).toBe('Created user "dana"')
    expect(JSON.stringify(envelope.data)).not.toMatch(/password|hash/i)
  })
})
