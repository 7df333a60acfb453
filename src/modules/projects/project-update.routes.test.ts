import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'
import type { Project } from './project.types.js'

const PROJECTS = '/api/v1/projects'

const FORBIDDEN_PROJECT = {
  success: false,
  error: 'You do not have access to this project',
  message: 'You do not have access to this project',
  error_code: 'forbidden',
}
const INSUFFICIENT = {
  success: false,
  error: 'Insufficient permissions',
  message: 'Insufficient permissions',
  error_code: 'forbidden',
}
const NOT_FOUND = {
  success: false,
  error: 'Project not found',
  message: 'Project not found',
  error_code: 'not_found',
}

describe.each(dialects)('PUT and PATCH /api/v1/projects/{id} on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string
  let project: Project

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:projects', 'write:projects'])
    const client = await createClient(t.deps, user, { name: 'Acme' })
    project = await createProject(t.deps, user, {
      clientId: client.id,
      name: 'Website',
      code: 'WEB',
      description: 'Old text',
      hourlyRateCents: 7500,
    })
  })

  afterEach(async () => t?.close())

  const change = (payload: unknown, options: { id?: number; as?: string; method?: 'PUT' | 'PATCH' } = {}) =>
    t.app.inject({
      method: options.method ?? 'PUT',
      url: `${PROJECTS}/${options.id ?? project.id}`,
      headers: bearer(options.as ?? token),
      payload: payload as Record<string, unknown>,
    })

  async function stored(id = project.id) {
    return t.deps.database.db
      .selectFrom('projects')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  }

  it.each(['PUT', 'PATCH'] as const)(
    '%s changes only the keys sent and stamps updated_at',
    async (method) => {
      t.clock.advanceSeconds(3600)

      const response = await change(
        { description: '  New text ', hourly_rate: '80.5', billable: 'false', created_by: 42 },
        { method },
      )

      expect(response.statusCode).toBe(200)
      expect(response.json().message).toBe('Project updated successfully')
      expect(response.json().project).toMatchObject({
        name: 'Website',
        code: 'WEB',
        description: 'New text',
        hourly_rate: 80.5,
        billable: false,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T11:00:00',
      })
      expect((await stored()).createdBy).toBe(user.id)
    },
  )

  it('normalizes the code, and clears it when empty', async () => {
    const lower = await change({ code: ' new ' })
    const cleared = await change({ code: '' })

    expect(lower.json().project).toMatchObject({ code: 'NEW', code_display: 'NEW' })
    expect(cleared.json().project).toMatchObject({ code: null, code_display: 'WEBS' })
  })

  it('accepts an empty body as no change', async () => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: `${PROJECTS}/${project.id}`,
      headers: bearer(token),
    })

    expect(response.statusCode).toBe(200)
    expect(response.json().project.name).toBe('Website')
  })

  it('stamps the archive fields when the status becomes archived and clears them when it leaves', async () => {
    const archived = await change({ status: 'archived' })
    t.clock.advanceSeconds(60)
    const reactivated = await change({ status: 'active' })

    expect(archived.json().project).toMatchObject({
      status: 'archived',
      is_archived: true,
      archived_at: '2025-01-15T10:00:00',
      archived_by: user.id,
      archived_reason: null,
    })
    expect(reactivated.json().project).toMatchObject({
      status: 'active',
      is_archived: false,
      archived_at: null,
      archived_by: null,
      archived_reason: null,
    })
  })

  it.each([
    ['an empty name', { name: '' }, { name: ['Project name is required'] }, 'Project name is required'],
    ['a blank name', { name: '   ' }, { name: ['Project name is required'] }, 'Project name is required'],
    ['a null name', { name: null }, { name: ['Project name is required'] }, 'Project name is required'],
    [
      'a name too long',
      { name: 'n'.repeat(201) },
      { name: ['Longer than maximum length 200.'] },
      'Validation failed',
    ],
    [
      'an unknown status',
      { status: 'on_hold' },
      { status: ['Must be one of: active, inactive, archived.'] },
      'Validation failed',
    ],
    [
      'wrong types',
      { client_id: 'abc', billable: 2 },
      { client_id: ['Not a valid integer.'], billable: ['Not a valid boolean.'] },
      'Validation failed',
    ],
    ['a null client_id', { client_id: null }, { client_id: ['Field may not be null.'] }, 'Validation failed'],
    [
      'a threshold out of range',
      { budget_threshold_percent: -1 },
      { budget_threshold_percent: ['Must be greater than or equal to 0 and less than or equal to 100.'] },
      'Validation failed',
    ],
  ])('refuses %s and writes nothing', async (_case, body, errors, message) => {
    t.clock.advanceSeconds(60)

    const response = await change(body)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: message,
      message,
      error_code: 'validation_error',
      errors,
    })
    expect(await stored()).toMatchObject({ name: 'Website', status: 'active' })
    expect(
      (await t.app.inject({ method: 'GET', url: `${PROJECTS}/${project.id}`, headers: bearer(token) })).json()
        .project.updated_at,
    ).toBe('2025-01-15T10:00:00')
  })

  it('answers 404 for a missing project, after validating the body', async () => {
    const missing = await change({ name: 'Renamed' }, { id: 999999 })

    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual(NOT_FOUND)
  })

  it('refuses a project the user cannot see', async () => {
    const foreign = await createProject(t.deps, await createUser(t.deps))

    const response = await change({ name: 'Mine now' }, { id: foreign.id })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(FORBIDDEN_PROJECT)
  })

  it('lets a member see but not edit a project they did not create', async () => {
    const foreign = await createProject(t.deps, await createUser(t.deps), { name: 'Team' })
    await t.deps.database.db
      .insertInto('projectMembers')
      .values({ projectId: foreign.id, userId: user.id })
      .execute()

    const response = await change({ name: 'Renamed' }, { id: foreign.id })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(INSUFFICIENT)
    expect((await stored(foreign.id)).name).toBe('Team')
  })

  it('refuses a viewer even on a project of their own', async () => {
    const viewer = await createUser(t.deps, { role: 'viewer' })
    const own = await createProject(t.deps, viewer)

    const response = await change(
      { name: 'Renamed' },
      { id: own.id, as: await createToken(t.deps, viewer, ['write:projects']) },
    )

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(INSUFFICIENT)
  })

  it.each(['manager', 'admin'])('lets a %s edit anyone’s project', async (role) => {
    const editor = await createUser(t.deps, { role })

    const response = await change(
      { name: `Edited by ${role}` },
      { as: await createToken(t.deps, editor, ['write:projects']) },
    )

    expect(response.statusCode).toBe(200)
    expect(response.json().project.name).toBe(`Edited by ${role}`)
  })

  it('moves the project to another visible client', async () => {
    const other = await createClient(t.deps, user, { name: 'Globex' })

    const response = await change({ client_id: String(other.id) })

    expect(response.json().project).toMatchObject({
      client_id: other.id,
      client: 'Globex',
      client_name: 'Globex',
    })
  })

  it('refuses an unknown client and a client the user cannot see', async () => {
    const hidden = await createClient(t.deps, await createUser(t.deps))

    const unknown = await change({ client_id: 999999 })
    const foreign = await change({ client_id: hidden.id })

    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toEqual({
      success: false,
      error: 'Invalid client',
      message: 'Invalid client',
      error_code: 'invalid_client',
    })
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().message).toBe('You do not have access to this client')
    expect((await stored()).clientId).toBe(project.clientId)
  })

  it('refuses a name taken in the target client and a code taken anywhere, but not its own', async () => {
    await createProject(t.deps, user, { clientId: project.clientId, name: 'Taken', code: 'TAKEN' })
    const other = await createClient(t.deps, user)
    await createProject(t.deps, user, { clientId: other.id, name: 'Website' })

    const sameAsOwn = await change({ name: 'Website', code: 'web' })
    const takenName = await change({ name: 'Taken' })
    const takenInTarget = await change({ client_id: other.id })
    const takenCode = await change({ code: 'taken' })

    expect(sameAsOwn.statusCode).toBe(200)
    expect(takenName.json()).toMatchObject({
      error_code: 'duplicate_project',
      message: 'A project with this name already exists for this client',
    })
    expect(takenInTarget.json()).toMatchObject({ error_code: 'duplicate_project' })
    expect(takenCode.json()).toMatchObject({
      error_code: 'duplicate_code',
      message: 'Project code already in use',
    })
  })

  it('keeps codes unique under concurrent renames', async () => {
    const others = await Promise.all([1, 2, 3, 4].map((n) => createProject(t.deps, user, { name: `P${n}` })))

    const responses = await Promise.all(others.map((p) => change({ code: 'RACE' }, { id: p.id })))

    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1)
    expect(
      responses.filter((r) => r.statusCode === 400).map((r) => r.json<{ error_code: string }>().error_code),
    ).toEqual(['duplicate_code', 'duplicate_code', 'duplicate_code'])
  })
})
