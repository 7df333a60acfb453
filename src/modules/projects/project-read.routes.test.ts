import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const PROJECTS = '/api/v1/projects'

describe.each(dialects)('GET /api/v1/projects on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps, { role: 'manager' })
    token = await createToken(t.deps, owner, ['read:projects'])
  })

  afterEach(async () => t?.close())

  const get = (url: string, as = token, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...bearer(as), ...headers } })

  const names = (response: { json<T>(): T }) =>
    response.json<{ projects: { name: string }[] }>().projects.map((p) => p.name)

  it('lists active projects by name then id, with the pagination object', async () => {
    const client = await createClient(t.deps, owner)
    await createProject(t.deps, owner, { clientId: client.id, name: 'Beta' })
    await createProject(t.deps, owner, { clientId: client.id, name: 'Alpha' })
    await createProject(t.deps, owner, { name: 'Alpha' })
    await createProject(t.deps, owner, { clientId: client.id, name: 'Gamma', status: 'inactive' })

    const response = await get(PROJECTS)

    expect(response.statusCode).toBe(200)
    const ids = response.json<{ projects: { id: number }[] }>().projects.map((p) => p.id)
    expect(names(response)).toEqual(['Alpha', 'Alpha', 'Beta'])
    expect(ids[0]).toBeLessThan(ids[1]!)
    expect(response.json().pagination).toEqual({
      page: 1,
      per_page: 50,
      total: 3,
      pages: 1,
      has_next: false,
      has_prev: false,
      next_page: null,
      prev_page: null,
    })
  })

  it('filters by status: all lifts the filter, other values match exactly', async () => {
    await createProject(t.deps, owner, { name: 'A', status: 'active' })
    await createProject(t.deps, owner, { name: 'I', status: 'inactive' })
    await createProject(t.deps, owner, { name: 'X', status: 'archived' })

    const all = await get(`${PROJECTS}?status=all`)
    const archived = await get(`${PROJECTS}?status=archived`)
    const onHold = await get(`${PROJECTS}?status=on_hold`)

    expect(names(all)).toEqual(['A', 'I', 'X'])
    expect(names(archived)).toEqual(['X'])
    expect(onHold.json().projects).toEqual([])
    expect(onHold.json().pagination.total).toBe(0)
    expect(onHold.json().pagination.pages).toBe(0)
  })

  it('filters by client_id and ignores one that is not an integer', async () => {
    const acme = await createClient(t.deps, owner)
    await createProject(t.deps, owner, { clientId: acme.id, name: 'Acme site' })
    await createProject(t.deps, owner, { name: 'Other' })

    const filtered = await get(`${PROJECTS}?client_id=${acme.id}`)
    const ignored = await get(`${PROJECTS}?client_id=abc`)
    const huge = await get(`${PROJECTS}?client_id=99999999999`)

    expect(names(filtered)).toEqual(['Acme site'])
    expect(names(ignored)).toEqual(['Acme site', 'Other'])
    expect(huge.json().projects).toEqual([])
  })

  it('pages through the list and answers a page beyond the last with an empty list', async () => {
    for (const letter of ['A', 'B', 'C', 'D', 'E']) await createProject(t.deps, owner, { name: letter })

    const second = await get(`${PROJECTS}?page=2&per_page=2&perPage=1`)
    const beyond = await get(`${PROJECTS}?page=9&per_page=2`)

    expect(names(second)).toEqual(['C', 'D'])
    expect(second.json().pagination).toEqual({
      page: 2,
      per_page: 2,
      total: 5,
      pages: 3,
      has_next: true,
      has_prev: true,
      next_page: 3,
      prev_page: 1,
    })
    expect(beyond.json().projects).toEqual([])
    expect(beyond.json().pagination).toMatchObject({
      page: 9,
      has_next: false,
      has_prev: true,
      prev_page: 8,
      total: 5,
    })
  })

  it('shows a user their own projects and those they are a member of, nothing else', async () => {
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    await createProject(t.deps, user, { name: 'Own' })
    const shared = await createProject(t.deps, other, { name: 'Shared' })
    await t.deps.database.db
      .insertInto('projectMembers')
      .values({ projectId: shared.id, userId: user.id })
      .execute()
    await createProject(t.deps, other, { name: 'Foreign' })
    await createProject(t.deps, null, { name: 'Legacy' })

    const response = await get(PROJECTS, await createToken(t.deps, user, ['read:projects']))

    expect(names(response)).toEqual(['Own', 'Shared'])
    expect(response.json().pagination.total).toBe(2)
  })

  it('shows admins and managers every project, legacy ones included', async () => {
    const other = await createUser(t.deps)
    await createProject(t.deps, other, { name: 'Foreign' })
    await createProject(t.deps, null, { name: 'Legacy' })
    const admin = await createUser(t.deps, { role: 'admin' })

    const asAdmin = await get(PROJECTS, await createToken(t.deps, admin, ['read:projects']))
    const asManager = await get(PROJECTS)

    expect(names(asAdmin)).toEqual(['Foreign', 'Legacy'])
    expect(names(asManager)).toEqual(['Foreign', 'Legacy'])
  })

  it('shows a subcontractor only the projects of their assigned clients', async () => {
    const subcontractor = await createUser(t.deps, { role: 'subcontractor' })
    const assigned = await createClient(t.deps, owner)
    await t.deps.database.db
      .insertInto('userClients')
      .values({ userId: subcontractor.id, clientId: assigned.id })
      .execute()
    await createProject(t.deps, owner, { clientId: assigned.id, name: 'Assigned' })
    await createProject(t.deps, subcontractor, { name: 'Own elsewhere' })

    const response = await get(PROJECTS, await createToken(t.deps, subcontractor, ['read:projects']))

    expect(names(response)).toEqual(['Assigned'])
  })

  it('requires the read:projects scope', async () => {
    const response = await get(PROJECTS, await createToken(t.deps, owner, ['write:projects']))

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'read:projects' })
  })
})

describe.each(dialects)('GET /api/v1/projects/{id} on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:projects'])
  })

  afterEach(async () => t?.close())

  const get = (id: number | string, as = token, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `${PROJECTS}/${id}`, headers: { ...bearer(as), ...headers } })

  it('answers a visible project, archived ones included', async () => {
    const project = await createProject(t.deps, user, { name: 'Old site', status: 'archived', code: 'OLD' })

    const response = await get(project.id)

    expect(response.statusCode).toBe(200)
    expect(response.json().project).toMatchObject({
      id: project.id,
      name: 'Old site',
      code_display: 'OLD',
      status: 'archived',
      is_archived: true,
    })
  })

  it('names the missing id', async () => {
    const response = await get(999999)

    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      success: false,
      error: 'Project with ID 999999 not found',
      message: 'Project with ID 999999 not found',
      error_code: 'not_found',
    })
  })

  it('answers 404 for an id that is not a positive integer', async () => {
    const response = await get('abc')

    expect(response.statusCode).toBe(404)
    expect(response.json().message).toBe('Resource not found')
  })

  it.each([
    ['user', 'user'],
    ['viewer', 'viewer'],
    ['subcontractor', 'subcontractor'],
  ])('refuses a %s a project of someone else', async (_case, role) => {
    const other = await createProject(t.deps, await createUser(t.deps), { name: 'Hidden' })
    const reader = await createUser(t.deps, { role })

    const response = await get(other.id, await createToken(t.deps, reader, ['read:projects']))

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      success: false,
      error: 'You do not have access to this project',
      message: 'You do not have access to this project',
      error_code: 'forbidden',
    })
  })

  it('shows a legacy project without an owner only to admins and managers', async () => {
    const legacy = await createProject(t.deps, null)
    const manager = await createUser(t.deps, { role: 'manager' })

    const asUser = await get(legacy.id)
    const asManager = await get(legacy.id, await createToken(t.deps, manager, ['read:projects']))

    expect(asUser.statusCode).toBe(403)
    expect(asManager.statusCode).toBe(200)
  })

  it('writes datetimes as naive app-local time, or UTC when the client prefers it', async () => {
    const project = await createProject(t.deps, user, {
      status: 'archived',
      archivedAt: new Date('2025-01-15T09:30:00Z'),
      archivedBy: user.id,
    })

    const naive = await get(project.id)
    const utc = await get(project.id, token, { prefer: 'datetime=utc' })

    expect(naive.json().project).toMatchObject({
      created_at: '2025-01-15T10:00:00',
      archived_at: '2025-01-15T09:30:00',
    })
    expect(utc.json().project).toMatchObject({
      created_at: '2025-01-15T10:00:00Z',
      archived_at: '2025-01-15T09:30:00Z',
    })
    expect(utc.headers['preference-applied']).toBe('datetime=utc')
  })
})

describe.each(dialects)('GET /api/v1/projects in another app timezone on $name', ({ name }) => {
  it('writes naive datetimes in APP_TIMEZONE', async () => {
    const t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)

    const response = await t.app.inject({
      method: 'GET',
      url: `${PROJECTS}/${project.id}`,
      headers: bearer(await createToken(t.deps, user, ['read:projects'])),
    })

    expect(response.json().project.created_at).toBe('2025-01-15T11:00:00')
    await t.close()
  })
})
