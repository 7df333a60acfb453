import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const APPROVALS = '/api/v1/time-entry-approvals'

function failure(status: number, code: string, text: string) {
  return { status, body: { success: false, error: text, message: text, error_code: code } }
}

describe.each(dialects)('deciding time-entry approvals on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let admin: User
  let ownerToken: string
  let adminToken: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    admin = await createUser(t.deps, { role: 'admin' })
    ownerToken = await createToken(t.deps, owner, ['read:time_approvals', 'write:time_approvals'])
    adminToken = await createToken(t.deps, admin, ['write:time_approvals'])
  })

  afterEach(async () => t?.close())

  const post = (url: string, token: string, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) })

  /** Requests approval of a new entry of the owner; returns the chain's ids, level 1 first. */
  async function chain(levels = 1): Promise<number[]> {
    const entry = await createTimeEntry(t.deps, owner)
    await t.deps.timeEntryApprovals.request(owner, entry.id, {
      approverIds: Array.from({ length: levels }, () => 0),
    })
    const rows = await t.deps.database.db
      .selectFrom('timeEntryApprovals')
      .select('id')
      .where('timeEntryId', '=', entry.id)
      .orderBy('approvalLevel')
      .execute()
    return rows.map((row) => row.id)
  }

  async function statuses(ids: number[]): Promise<string[]> {
    return Promise.all(ids.map(async (id) => (await t.deps.timeEntryApprovals.get(admin, id)).status))
  }

  async function expectFailure(
    response: { statusCode: number; json(): unknown },
    expected: ReturnType<typeof failure>,
  ) {
    expect(response.statusCode).toBe(expected.status)
    expect(response.json()).toEqual(expected.body)
  }

  describe('approve', () => {
    it('approves the last level: status, decider, time and comment', async () => {
      const [id] = await chain()
      t.clock.advanceSeconds(120)

      const response = await post(`${APPROVALS}/${id}/approve`, adminToken, { comment: 'Fine' })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        success: true,
        message: 'Time entry approved',
        approval: {
          id,
          status: 'approved',
          approved_by: admin.id,
          approved_at: '2025-01-15T10:02:00',
          approval_comment: 'Fine',
          requested_at: '2025-01-15T10:00:00',
        },
      })
    })

    it('says a level waits for the next one, and allows any order', async () => {
      const [first, second] = (await chain(2)) as [number, number]

      const one = await post(`${APPROVALS}/${first}/approve`, adminToken)
      const two = await t.app.inject({
        method: 'POST',
        url: `${APPROVALS}/${second}/approve`,
        headers: bearer(adminToken),
      })

      expect(one.json().message).toBe('Approved, awaiting next level approval')
      expect(two.json().message).toBe('Time entry approved')
      expect(two.json().approval.approval_comment).toBeNull()
    })

    it('answers 404, then not pending, then not authorized, in that order', async () => {
      const [id] = (await chain()) as [number]
      const stranger = await createToken(t.deps, await createUser(t.deps, { role: 'manager' }))

      await expectFailure(
        await post(`${APPROVALS}/999999/approve`, adminToken),
        failure(404, 'not_found', 'Approval not found'),
      )
      await expectFailure(
        await post(`${APPROVALS}/${id}/approve`, ownerToken),
        failure(403, 'forbidden', 'Not authorized to approve'),
      )
      await expectFailure(
        await post(`${APPROVALS}/${id}/approve`, stranger),
        failure(403, 'forbidden', 'Not authorized to approve'),
      )
      expect(await statuses([id])).toEqual(['pending'])
      await post(`${APPROVALS}/${id}/approve`, adminToken)
      await expectFailure(
        await post(`${APPROVALS}/${id}/approve`, stranger),
        failure(400, 'invalid_status', 'Approval is not pending'),
      )
    })
  })

  describe('reject', () => {
    it('rejects with the reason and cancels the pending direct child', async () => {
      const [first, second, third] = (await chain(3)) as [number, number, number]

      const response = await post(`${APPROVALS}/${first}/reject`, adminToken, { reason: ' Too long ' })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        success: true,
        message: 'Time entry rejected',
        approval: {
          status: 'rejected',
          approved_by: admin.id,
          rejected_at: '2025-01-15T10:00:00',
          approved_at: null,
          rejection_reason: 'Too long',
        },
      })
      expect(await statuses([first, second, third])).toEqual(['rejected', 'cancelled', 'pending'])
    })

    it('takes rejection_reason when reason is absent or empty', async () => {
      const [id] = await chain()

      const response = await post(`${APPROVALS}/${id}/reject`, adminToken, {
        reason: '',
        rejection_reason: 'Wrong project',
      })

      expect(response.json().approval.rejection_reason).toBe('Wrong project')
    })

    it('requires a reason before looking the approval up', async () => {
      await expectFailure(
        await post(`${APPROVALS}/999999/reject`, adminToken, { reason: '  ' }),
        failure(400, 'bad_request', 'Rejection reason required'),
      )
      await expectFailure(
        await post(`${APPROVALS}/999999/reject`, adminToken, { reason: 'x' }),
        failure(404, 'not_found', 'Approval not found'),
      )
    })

    it('refuses a non-approver (§9 item 16) and a decided level, writing nothing', async () => {
      const [first, second] = (await chain(2)) as [number, number]

      await expectFailure(
        await post(`${APPROVALS}/${first}/reject`, ownerToken, { reason: 'x' }),
        failure(403, 'forbidden', 'Not authorized to approve'),
      )
      expect(await statuses([first, second])).toEqual(['pending', 'pending'])
      await post(`${APPROVALS}/${first}/approve`, adminToken)
      await expectFailure(
        await post(`${APPROVALS}/${first}/reject`, adminToken, { reason: 'x' }),
        failure(400, 'invalid_status', 'Approval is not pending'),
      )
      expect(await statuses([first, second])).toEqual(['approved', 'pending'])
    })
  })

  describe('cancel', () => {
    it('lets the requester cancel a pending level with its pending direct child', async () => {
      const [first, second] = (await chain(2)) as [number, number]

      const response = await post(`${APPROVALS}/${first}/cancel`, ownerToken)

      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        success: true,
        message: 'Approval cancelled',
        approval: { id: first, status: 'cancelled', approved_by: null },
      })
      expect(await statuses([first, second])).toEqual(['cancelled', 'cancelled'])
    })

    it('refuses anyone but the requester, then a level that is not pending', async () => {
      const [id] = (await chain()) as [number]

      await expectFailure(
        await post(`${APPROVALS}/999999/cancel`, ownerToken),
        failure(404, 'not_found', 'Approval not found'),
      )
      await expectFailure(
        await post(`${APPROVALS}/${id}/cancel`, adminToken),
        failure(403, 'forbidden', 'Not authorized to cancel'),
      )
      await post(`${APPROVALS}/${id}/approve`, adminToken)
      await expectFailure(
        await post(`${APPROVALS}/${id}/cancel`, ownerToken),
        failure(400, 'invalid_status', 'Cannot cancel non-pending approval'),
      )
    })
  })

  describe('bulk approve', () => {
    it('approves each id in order and reports every failure, always with 200', async () => {
      const [first, second] = (await chain(2)) as [number, number]
      const [decided] = (await chain()) as [number]
      await post(`${APPROVALS}/${decided}/approve`, adminToken)

      const response = await post(`${APPROVALS}/bulk-approve`, adminToken, {
        approval_ids: [first, decided, 999999, String(second), 99999999999],
        comment: 'Batch',
      })

      expect(response.statusCode).toBe(200)
      const body = response.json<{ message: string; results: Record<string, unknown>[] }>()
      expect(body.message).toBe('Approved 2 of 5 entries')
      expect(body.results).toEqual([
        {
          approval_id: first,
          success: true,
          message: 'Approved, awaiting next level approval',
          approval: expect.objectContaining({ id: first, status: 'approved', approval_comment: 'Batch' }),
        },
        { approval_id: decided, success: false, message: 'Approval is not pending', error: 'invalid_status' },
        { approval_id: 999999, success: false, message: 'Approval not found', error: 'not_found' },
        {
          approval_id: second,
          success: true,
          message: 'Time entry approved',
          approval: expect.objectContaining({ id: second, status: 'approved' }),
        },
        { approval_id: 99999999999, success: false, message: 'Approval not found', error: 'not_found' },
      ])
    })

    it('reports unauthorized for a caller who may not approve, and changes nothing', async () => {
      const [id] = (await chain()) as [number]

      const response = await post(`${APPROVALS}/bulk-approve`, ownerToken, { approval_ids: [id] })

      expect(response.json()).toEqual({
        success: true,
        message: 'Approved 0 of 1 entries',
        results: [
          { approval_id: id, success: false, message: 'Not authorized to approve', error: 'unauthorized' },
        ],
      })
      expect(await statuses([id])).toEqual(['pending'])
    })

    it.each([{}, { approval_ids: [] }, { approval_ids: null }])(
      'answers %j with approval_ids required',
      async (payload) => {
        await expectFailure(
          await post(`${APPROVALS}/bulk-approve`, adminToken, payload),
          failure(400, 'bad_request', 'approval_ids required'),
        )
      },
    )

    it('refuses approval_ids that are not a list of integers', async () => {
      const response = await post(`${APPROVALS}/bulk-approve`, adminToken, { approval_ids: ['x'] })

      expect(response.json()).toMatchObject({
        error_code: 'validation_error',
        errors: { 'approval_ids.0': ['Not a valid integer.'] },
      })
    })
  })
})
