import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

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

describe.each(dialects)('DELETE /api/v1/projects/{id} on $name', ({ name }) => {
  let t: TestApp
  let manager: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    manager = await createUser(t.deps, { role: 'manager' })
    token = await createToken(t.deps, manager, ['read:projects', 'write:projects'])
  })

  afterEach(async () => t?.close())

  const remove = (id: number, as = token) =>
    t.app.inject({
      method: 'DELETE',
      url: `${PROJECTS}/${id}`,
      headers: { ...bearer(as), 'content-type': 'application/json' },
    })

  const stored = (id: number) =>
    t.deps.database.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('archives the project, keeps its entries, and refreshes the archive fields when repeated', async () => {
    const project = await createProject(t.deps, await createUser(t.deps))
    await t.deps.database.db
      .insertInto('timeEntries')
      .values({
        userId: manager.id,
        projectId: project.id,
        startTime: t.clock.now(),
        endTime: t.clock.now(),
        durationSeconds: 0,
        createdAt: t.clock.now(),
        updatedAt: t.clock.now(),
      })
      .execute()

    const first = await remove(project.id)
    t.clock.advanceSeconds(120)
    const again = await remove(project.id)

    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ message: 'Project archived successfully' })
    expect(again.statusCode).toBe(200)
    const json = (
      await t.app.inject({ method: 'GET', url: `${PROJECTS}/${project.id}`, headers: bearer(token) })
    ).json().project
    expect(json).toMatchObject({
      status: 'archived',
      is_archived: true,
      archived_at: '2025-01-15T10:02:00',
      archived_by: manager.id,
      archived_reason: 'Archived via API',
      updated_at: '2025-01-15T10:02:00',
    })
    const entries = await t.deps.database.db
      .selectFrom('timeEntries')
      .select('id')
      .where('projectId', '=', project.id)
      .execute()
    expect(entries).toHaveLength(1)
  })

  it('answers 404 for a missing project', async () => {
    const response = await remove(999999)

    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual(NOT_FOUND)
  })

  it('refuses a project the caller cannot see', async () => {
    const user = await createUser(t.deps)
    const foreign = await createProject(t.deps, await createUser(t.deps))

    const response = await remove(foreign.id, await createToken(t.deps, user, ['write:projects']))

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(FORBIDDEN_PROJECT)
    expect((await stored(foreign.id)).status).toBe('active')
  })

  it.each(['user', 'viewer'])(
    'refuses a %s, who has no delete permission, even on their own project',
    async (role) => {
      const owner = await createUser(t.deps, { role })
      const own = await createProject(t.deps, owner)

      const response = await remove(own.id, await createToken(t.deps, owner, ['write:projects']))

      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual(INSUFFICIENT)
      expect((await stored(own.id)).status).toBe('active')
    },
  )

  it('lets an admin archive any project', async () => {
    const admin = await createUser(t.deps, { role: 'admin' })
    const legacy = await createProject(t.deps, null)

    const response = await remove(legacy.id, await createToken(t.deps, admin, ['write:projects']))

    expect(response.statusCode).toBe(200)
    expect((await stored(legacy.id)).archivedBy).toBe(admin.id)
  })

  it('requires the write:projects scope', async () => {
    const project = await createProject(t.deps, manager)

    const response = await remove(project.id, await createToken(t.deps, manager, ['read:projects']))

    expect(response.statusCode).toBe(403)
    expect(response.json().required_scope).toBe('write:projects')
  })
})
