import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

describe.each(dialects)('DELETE /api/v1/time-entries/{id} on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  const remove = (headers: Record<string, string>, id: number, payload?: string) =>
    t.app.inject({
      method: 'DELETE',
      url: `/api/v1/time-entries/${id}`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    })

  it('hard-deletes a completed entry, ignoring any body', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const first = await createTimeEntry(t.deps, user)
    const second = await createTimeEntry(t.deps, user)
    const third = await createTimeEntry(t.deps, user)

    const plain = await remove(headers, first.id)
    const emptyJson = await remove({ ...headers, 'content-type': 'application/json' }, second.id, '')
    const malformed = await remove(
      { ...headers, 'content-type': 'application/json' },
      third.id,
      '{"reason": ',
    )
    const gone = await t.app.inject({ method: 'GET', url: `/api/v1/time-entries/${first.id}`, headers })

    for (const response of [plain, emptyJson, malformed]) {
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ message: 'Time entry deleted successfully' })
    }
    expect(gone.statusCode).toBe(404)
  })

  it('answers 404, 403 and timer_active as the contract says, deleting nothing', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const foreign = await createTimeEntry(t.deps, await createUser(t.deps))
    const running = await createTimeEntry(t.deps, user, { endTime: null })

    const missing = await remove(headers, 999_999)
    const denied = await remove(headers, foreign.id)
    const active = await remove(headers, running.id)

    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toMatchObject({ error_code: 'not_found', message: 'Time entry not found' })
    expect(denied.json()).toMatchObject({ error_code: 'forbidden', message: 'Access denied' })
    expect(active.statusCode).toBe(400)
    expect(active.json()).toMatchObject({
      error_code: 'timer_active',
      message: 'Cannot delete active time entry. Stop the timer first.',
    })
    const remaining = await t.deps.database.db.selectFrom('timeEntries').select('id').execute()
    expect(remaining).toHaveLength(2)
  })

  it("lets an admin delete anyone's entry and refuses a viewer their own", async () => {
    t = await buildTestApp({ dialect: name })
    const admin = await signedIn('admin')
    const viewer = await signedIn('viewer')
    const entry = await createTimeEntry(t.deps, await createUser(t.deps))
    const viewerEntry = await createTimeEntry(t.deps, viewer.user)

    const byAdmin = await remove(admin.headers, entry.id)
    const byViewer = await remove(viewer.headers, viewerEntry.id)

    expect(byAdmin.statusCode).toBe(200)
    expect(byViewer.statusCode).toBe(403)
    expect(byViewer.json().message).toBe('Insufficient permissions')
  })

  it('answers 404 for an id that is not a positive integer', async () => {
    t = await buildTestApp({ dialect: name })
    const { headers } = await signedIn()

    const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/time-entries/abc', headers })

    expect(response.statusCode).toBe(404)
  })
})
