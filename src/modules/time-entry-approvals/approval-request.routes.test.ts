import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createTimeEntry, createToken, createUser, disableModules } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const APPROVALS = '/api/v1/time-entry-approvals'
const requestUrl = (entryId: number) => `/api/v1/time-entries/${entryId}/request-approval`

describe.each(dialects)('requesting and reading time-entry approvals on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string
  let adminToken: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner, ['read:time_approvals', 'write:time_approvals'])
    adminToken = await createToken(t.deps, await createUser(t.deps, { role: 'admin' }))
  })

  afterEach(async () => t?.close())

  const post = (url: string, token: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) })
  const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: bearer(token) })

  async function approvalRows() {
    return t.deps.database.db.selectFrom('timeEntryApprovals').selectAll().orderBy('id').execute()
  }

  it('creates one pending level for a plain request and answers with it', async () => {
    const entry = await createTimeEntry(t.deps, owner)

    const response = await t.app.inject({
      method: 'POST',
      url: requestUrl(entry.id),
      headers: bearer(ownerToken),
    })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      success: true,
      message: 'Approval requested',
      approval: {
        id: expect.any(Number),
        time_entry_id: entry.id,
        status: 'pending',
        requested_by: owner.id,
        approved_by: null,
        requested_at: '2025-01-15T10:00:00',
        approved_at: null,
        rejected_at: null,
        request_comment: null,
        approval_comment: null,
        rejection_reason: null,
        parent_approval_id: null,
        approval_level: 1,
      },
    })
    expect(await approvalRows()).toHaveLength(1)
  })

  it('creates one level per approver id, each the child of the one before, with the comment', async () => {
    const entry = await createTimeEntry(t.deps, owner)

    const response = await post(requestUrl(entry.id), ownerToken, {
      comment: 'Please',
      approver_ids: [7, 8, 9],
    })

    const rows = await approvalRows()
    expect(response.json().approval.id).toBe(rows[0]?.id)
    expect(
      rows.map((row) => [row.approvalLevel, row.parentApprovalId, row.requestComment, row.status]),
    ).toEqual([
      [1, null, 'Please', 'pending'],
      [2, rows[0]?.id, 'Please', 'pending'],
      [3, rows[1]?.id, 'Please', 'pending'],
    ])
  })

  it.each([[[]], ['1,2'], [null]])('creates one level when approver_ids is %j', async (approverIds) => {
    const entry = await createTimeEntry(t.deps, owner)

    await post(requestUrl(entry.id), ownerToken, { approver_ids: approverIds })

    expect(await approvalRows()).toHaveLength(1)
  })

  it('answers 404 for an unknown entry', async () => {
    const response = await post(requestUrl(999999), ownerToken)

    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({
      success: false,
      error: 'Time entry not found',
      message: 'Time entry not found',
      error_code: 'not_found',
    })
  })

  it('refuses someone else’s entry to a user or manager, not to an administrator (§9 item 17)', async () => {
    const entry = await createTimeEntry(t.deps, owner)
    const manager = await createToken(t.deps, await createUser(t.deps, { role: 'manager' }))

    const refused = await post(requestUrl(entry.id), manager)
    const byAdmin = await post(requestUrl(entry.id), adminToken)

    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toEqual({
      success: false,
      error: 'Access denied',
      message: 'Access denied',
      error_code: 'forbidden',
    })
    expect(byAdmin.statusCode).toBe(200)
    expect(await approvalRows()).toHaveLength(1)
  })

  it('refuses a second request while one is pending, and allows one after a decision', async () => {
    const entry = await createTimeEntry(t.deps, owner)
    const first = await post(requestUrl(entry.id), ownerToken)

    const second = await post(requestUrl(entry.id), ownerToken)
    await post(`${APPROVALS}/${first.json().approval.id}/cancel`, ownerToken)
    const third = await post(requestUrl(entry.id), ownerToken)

    expect(second.statusCode).toBe(400)
    expect(second.json()).toEqual({
      success: false,
      error: 'Approval already pending',
      message: 'Approval already pending',
      error_code: 'already_pending',
    })
    expect(third.statusCode).toBe(200)
    expect(await approvalRows()).toHaveLength(2)
  })

  it('answers no_approvers when no active administrator exists, and writes nothing', async () => {
    const entry = await createTimeEntry(t.deps, owner)
    // Set-up, once complete, stays complete: the first request records it.
    await get(APPROVALS, ownerToken)
    await t.deps.database.db
      .updateTable('users')
      .set({ isActive: false })
      .where('role', '=', 'admin')
      .execute()

    const response = await post(requestUrl(entry.id), ownerToken)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'No approvers found for this time entry',
      message: 'No approvers found for this time entry',
      error_code: 'no_approvers',
    })
    expect(await approvalRows()).toEqual([])
  })

  it('refuses more than 100 levels and a comment that is not a string', async () => {
    const entry = await createTimeEntry(t.deps, owner)

    const levels = await post(requestUrl(entry.id), ownerToken, {
      approver_ids: Array.from({ length: 101 }, () => 1),
    })
    const comment = await post(requestUrl(entry.id), ownerToken, { comment: 5 })

    expect(levels.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { approver_ids: ['Longer than maximum length 100.'] },
    })
    expect(comment.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { comment: ['Not a valid string.'] },
    })
    expect(await approvalRows()).toEqual([])
  })

  it('lists every pending level to an administrator, newest request first, and none to others', async () => {
    const older = await createTimeEntry(t.deps, owner)
    const newer = await createTimeEntry(t.deps, owner)
    await post(requestUrl(older.id), ownerToken, { approver_ids: [1, 2] })
    t.clock.advanceSeconds(60)
    await post(requestUrl(newer.id), ownerToken)

    const asAdmin = await get(APPROVALS, adminToken)
    const asOwner = await get(APPROVALS, ownerToken)

    const listed = asAdmin.json<{ approvals: { time_entry_id: number; approval_level: number }[] }>()
      .approvals
    expect(listed.map((a) => [a.time_entry_id, a.approval_level])).toEqual([
      [newer.id, 1],
      [older.id, 2],
      [older.id, 1],
    ])
    expect(asOwner.json()).toEqual({ approvals: [] })
  })

  it('shows an approval to its requester, its decider and administrators only', async () => {
    const entry = await createTimeEntry(t.deps, owner)
    const approvalId = (await post(requestUrl(entry.id), ownerToken)).json().approval.id as number
    const decider = await createUser(t.deps, { role: 'admin' })
    const deciderToken = await createToken(t.deps, decider)
    await post(`${APPROVALS}/${approvalId}/approve`, deciderToken)
    await t.deps.database.db.updateTable('users').set({ role: 'user' }).where('id', '=', decider.id).execute()
    const stranger = await createToken(t.deps, await createUser(t.deps, { role: 'manager' }))

    expect((await get(`${APPROVALS}/${approvalId}`, ownerToken)).json().approval.status).toBe('approved')
    expect((await get(`${APPROVALS}/${approvalId}`, deciderToken)).statusCode).toBe(200)
    expect((await get(`${APPROVALS}/${approvalId}`, adminToken)).statusCode).toBe(200)
    expect((await get(`${APPROVALS}/${approvalId}`, stranger)).json()).toEqual({
      success: false,
      error: 'Access denied',
      message: 'Access denied',
      error_code: 'forbidden',
    })
    expect((await get(`${APPROVALS}/999999`, adminToken)).json()).toMatchObject({
      error_code: 'not_found',
      message: 'Approval not found',
    })
  })

  it('requires the time_approvals scopes', async () => {
    const readOnly = await createToken(t.deps, owner, ['read:time_approvals'])
    const entriesOnly = await createToken(t.deps, owner, ['read:time_entries'])

    const write = await post(requestUrl(1), readOnly)
    const read = await get(APPROVALS, entriesOnly)

    expect(write.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:time_approvals' })
    expect(read.json()).toMatchObject({
      error_code: 'forbidden',
      message: "This endpoint requires the 'read:time_approvals' scope",
    })
  })

  it('answers module_disabled on every route, administrators included, when time_approvals is off', async () => {
    await disableModules(t.deps, ['time_approvals'])

    const responses = [
      await get(APPROVALS, adminToken),
      await get(`${APPROVALS}/1`, adminToken),
      await post(requestUrl(999999), ownerToken),
      await post(`${APPROVALS}/1/approve`, adminToken),
      await post(`${APPROVALS}/1/reject`, adminToken),
      await post(`${APPROVALS}/1/cancel`, ownerToken),
      await post(`${APPROVALS}/bulk-approve`, adminToken),
    ]

    for (const response of responses) {
      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual({
        success: false,
        error: 'module_disabled',
        message: 'time_approvals module is disabled by the administrator.',
        error_code: 'forbidden',
      })
    }
  })

  it('does not depend on the clients module', async () => {
    await disableModules(t.deps, ['clients'])

    expect((await get(APPROVALS, ownerToken)).statusCode).toBe(200)
  })
})
