import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import {
  bearer,
  createClient,
  createProject,
  createTask,
  createToken,
  createUser,
} from '../../../test/factories.js'
import { insertTimeEntry } from '../../../test/fixtures/time-entry-rows.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

interface ResultJson {
  type: string
  title: string
  description: string
  badge: string
}

/** The `results` of a search answer. */
function resultsOf(response: { json(): unknown }): ResultJson[] {
  return (response.json() as { results: ResultJson[] }).results
}

describe.each(dialects)('GET /api/v1/search on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function search(user: User, query: string) {
    const token = await createToken(t.deps, user, ['read:projects'])
    return t.app.inject({ method: 'GET', url: `/api/v1/search${query}`, headers: bearer(token) })
  }

  async function titles(user: User, query: string): Promise<string[]> {
    return resultsOf(await search(user, query)).map((result) => result.title)
  }

  it('answers 400 with empty results when q is absent or shorter than two characters after trimming', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)

    const answers = [await search(user, ''), await search(user, '?q=%20a%20'), await search(user, '?q=')]

    for (const response of answers) {
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'Query must be at least 2 characters',
        message: 'Query must be at least 2 characters',
        error_code: 'bad_request',
        results: [],
        partial: false,
        errors: {},
      })
    }
  })

  it('lists matches of the four domains in order: projects, tasks, clients, then entries', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const client = await createClient(t.deps, user, { name: 'Website Co', contactPerson: 'Ann' })
    const project = await createProject(t.deps, user, {
      name: 'Website Redesign',
      description: 'Complete overhaul',
      clientId: client.id,
    })
    const task = await createTask(t.deps, project, user, {
      name: 'Homepage',
      description: 'New WEBSITE hero',
      status: 'in_progress',
    })
    const entryId = await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-10T09:00:00Z',
      seconds: 5400,
      projectId: project.id,
      taskId: task.id,
      notes: 'website fixes',
      tags: 'web,css',
    })

    const response = await search(user, '?q=%20website%20')

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      results: [
        {
          type: 'project',
          category: 'project',
          id: project.id,
          title: 'Website Redesign',
          description: 'Complete overhaul',
          url: `/projects/${project.id}`,
          badge: 'Project',
        },
        {
          type: 'task',
          category: 'task',
          id: task.id,
          title: 'Homepage',
          description: 'Website Redesign',
          url: `/tasks/${task.id}`,
          badge: 'In Progress',
        },
        {
          type: 'client',
          category: 'client',
          id: client.id,
          title: 'Website Co',
          description: 'Ann',
          url: `/clients/${client.id}`,
          badge: 'Client',
        },
        {
          type: 'entry',
          category: 'entry',
          id: entryId,
          title: 'Website Redesign • Homepage',
          description: 'website fixes [web,css]',
          url: `/timer/edit/${entryId}`,
          badge: '01:30:00',
        },
      ],
      query: 'website',
      count: 4,
      partial: false,
      errors: {},
    })
  })

  it('matches case-insensitively and takes % and _ in the query literally', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const client = await createClient(t.deps, user)
    for (const projectName of ['50% OFF', '500 offers', 'A_B test', 'AxB test', 'back\\slash']) {
      await createProject(t.deps, user, { name: projectName, clientId: client.id })
    }

    expect(await titles(user, '?q=0%25%20off&types=project')).toEqual(['50% OFF'])
    expect(await titles(user, '?q=a_b&types=project')).toEqual(['A_B test'])
    expect(await titles(user, '?q=%25%25&types=project')).toEqual([])
    expect(await titles(user, '?q=k%5Cs&types=project')).toEqual(['back\\slash'])
  })

  it('matches clients on name, email, company, description and contact person, describing each by the first one set', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    await createClient(t.deps, user, { name: 'By name zeta' })
    await createClient(t.deps, user, { name: 'By email', email: 'zeta@example.com' })
    await createClient(t.deps, user, { name: 'By company', company: 'Zeta GmbH', contactPerson: 'Bob' })
    await createClient(t.deps, user, {
      name: 'By description',
      description: 'Zeta group',
      contactPerson: 'Eve',
    })
    await createClient(t.deps, user, {
      name: 'By contact',
      contactPerson: 'Zeta Jones',
      email: 'zj@example.com',
    })
    await createClient(t.deps, user, { name: 'Unrelated', email: 'other@example.com' })

    const response = await search(user, '?q=ZETA&types=client')

    expect(resultsOf(response).map((r) => [r.title, r.description])).toEqual([
      ['By name zeta', ''],
      ['By email', 'zeta@example.com'],
      ['By company', 'Bob'],
      ['By description', 'Zeta group'],
      ['By contact', 'Zeta Jones'],
    ])
  })

  it('lists completed entries newest first, matching notes or tags, with titles and descriptions from what is set', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const client = await createClient(t.deps, user)
    const project = await createProject(t.deps, user, { name: 'Apollo', clientId: client.id })
    const longNotes = `review ${'x'.repeat(150)}`
    await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-08T09:00:00Z',
      seconds: 60,
      projectId: project.id,
      notes: 'Review notes',
    })
    await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-09T09:00:00Z',
      seconds: 3725,
      clientId: client.id,
      tags: 'review',
    })
    await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-10T09:00:00Z',
      seconds: 0,
      projectId: project.id,
      notes: longNotes,
    })
    await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-15T09:00:00Z',
      projectId: project.id,
      notes: 'review, still running',
    })

    const response = await search(user, '?q=review&types=entry')

    expect(resultsOf(response).map((r) => [r.title, r.description, r.badge])).toEqual([
      ['Apollo', longNotes.slice(0, 100), '00:00:00'],
      ['Time Entry', ' [review]', '01:02:05'],
      ['Apollo', 'Review notes', '00:01:00'],
    ])
  })

  it('limits each domain to 10 by default, to 1…50 when given, and to 10 when limit is not an integer', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const client = await createClient(t.deps, user)
    for (let index = 0; index < 52; index += 1) {
      await createProject(t.deps, user, { name: `Match ${index}`, clientId: client.id })
    }
    const counts = async (query: string) =>
      (await search(user, `?q=match&types=project${query}`)).json().count as number

    expect(await counts('')).toBe(10)
    expect(await counts('&limit=abc')).toBe(10)
    expect(await counts('&limit=3')).toBe(3)
    expect(await counts('&limit=0')).toBe(1)
    expect(await counts('&limit=-4')).toBe(1)
    expect(await counts('&limit=500')).toBe(50)
  })

  it('searches only the listed types, in any case, keeps the domain order, and searches nothing when no type is known', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const client = await createClient(t.deps, user, { name: 'Orbit client' })
    const project = await createProject(t.deps, user, { name: 'Orbit', clientId: client.id })
    await createTask(t.deps, project, user, { name: 'Orbit task' })

    const some = await search(user, '?q=orbit&types=Client,%20TASK,unknown')
    const none = await search(user, '?q=orbit&types=people')
    const blank = await search(user, '?q=orbit&types=')

    expect(resultsOf(some).map((r) => r.type)).toEqual(['task', 'client'])
    expect(none.statusCode).toBe(200)
    expect(none.json()).toEqual({ results: [], query: 'orbit', count: 0, partial: false, errors: {} })
    expect(resultsOf(blank).map((r) => r.type)).toEqual(['project', 'task', 'client'])
  })

  it('shows a user only active visible projects, their own tasks of those, visible clients of any status and their own entries', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    const ownClient = await createClient(t.deps, user, { name: 'Kappa own client' })
    await t.deps.database.db
      .updateTable('clients')
      .set({ status: 'inactive' })
      .where('id', '=', ownClient.id)
      .execute()
    await createClient(t.deps, other, { name: 'Kappa foreign client' })
    const own = await createProject(t.deps, user, { name: 'Kappa own', clientId: ownClient.id })
    await createProject(t.deps, user, { name: 'Kappa archived', clientId: ownClient.id, status: 'archived' })
    const foreign = await createProject(t.deps, other, { name: 'Kappa foreign' })
    await createTask(t.deps, own, user, { name: 'Kappa mine' })
    await createTask(t.deps, own, other, { name: 'Kappa assigned', assignedTo: user.id })
    await createTask(t.deps, own, other, { name: 'Kappa of someone else' })
    await createTask(t.deps, foreign, user, { name: 'Kappa in hidden project' })
    await insertTimeEntry(t.deps, {
      user,
      start: '2025-01-10T09:00:00Z',
      seconds: 60,
      notes: 'Kappa my entry',
    })
    await insertTimeEntry(t.deps, {
      user: other,
      start: '2025-01-11T09:00:00Z',
      seconds: 60,
      notes: 'Kappa their entry',
    })

    const found = await titles(user, '?q=kappa')

    expect(found).toEqual(['Kappa own', 'Kappa mine', 'Kappa assigned', 'Kappa own client', 'Time Entry'])
  })

  it('lets admins find every task and entry, while managers see all projects but only their own tasks and entries', async () => {
    t = await buildTestApp({ dialect: name })
    const admin = await createUser(t.deps, { role: 'admin' })
    const manager = await createUser(t.deps, { role: 'manager' })
    const other = await createUser(t.deps)
    const project = await createProject(t.deps, other, { name: 'Lambda project' })
    await createTask(t.deps, project, other, { name: 'Lambda task' })
    await insertTimeEntry(t.deps, {
      user: other,
      start: '2025-01-10T09:00:00Z',
      seconds: 60,
      projectId: project.id,
      notes: 'Lambda',
    })

    const byAdmin = await search(admin, '?q=lambda')
    const byManager = await search(manager, '?q=lambda')

    expect(resultsOf(byAdmin).map((r) => r.type)).toEqual(['project', 'task', 'entry'])
    expect(resultsOf(byManager).map((r) => r.type)).toEqual(['project'])
  })

  it('reports a failing domain in errors and still answers the others, with partial true', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    await createProject(t.deps, user, { name: 'Sigma' })
    await sql`alter table time_entries rename to time_entries_unavailable`.execute(t.deps.database.db)

    const response = await search(user, '?q=sigma')

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      results: [expect.objectContaining({ type: 'project', title: 'Sigma' })],
      query: 'sigma',
      count: 1,
      partial: true,
      errors: { entries: 'Searching entries failed' },
    })
  })

  it('requires the read:projects scope', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user, ['read:tasks', 'read:clients', 'read:time_entries'])

    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/search?q=abc',
      headers: bearer(token),
    })

    expect(response.statusCode).toBe(403)
    expect(response.json().required_scope).toBe('read:projects')
  })
})
