import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const APPROVALS = '/api/v1/time-entry-approvals'
const ROUNDS = 10
const SIMULTANEOUS = 20

function statusCounts(codes: number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1
  return counts
}

describe.each(dialects)('approval chains under concurrency, and entry deletion, on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let headers: Record<string, string>

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    headers = bearer(await createToken(t.deps, await createUser(t.deps, { role: 'admin' })))
  })

  afterEach(async () => t?.close())

  async function pendingApproval(): Promise<number> {
    const entry = await createTimeEntry(t.deps, owner)
    return (await t.deps.timeEntryApprovals.request(owner, entry.id, {})).id
  }

  it(`a simultaneous approve and reject of one level: exactly one succeeds (${ROUNDS} rounds)`, async () => {
    const ids = await Promise.all(Array.from({ length: ROUNDS }, () => pendingApproval()))

    const responses = await Promise.all(
      ids.flatMap((id) => [
        t.app.inject({ method: 'POST', url: `${APPROVALS}/${id}/approve`, headers }),
        t.app.inject({
          method: 'POST',
          url: `${APPROVALS}/${id}/reject`,
          headers,
          payload: { reason: 'No' },
        }),
      ]),
    )

    for (let round = 0; round < ROUNDS; round += 1) {
      const [approve, reject] = [responses[2 * round], responses[2 * round + 1]]
      expect(statusCounts([approve?.statusCode ?? 0, reject?.statusCode ?? 0])).toEqual({ 200: 1, 400: 1 })
      const loser = approve?.statusCode === 400 ? approve : reject
      expect(loser?.json()).toMatchObject({
        error_code: 'invalid_status',
        message: 'Approval is not pending',
      })
      const stored = await t.deps.timeEntryApprovals.get(owner, ids[round] as number)
      expect(stored.status).toBe(approve?.statusCode === 200 ? 'approved' : 'rejected')
    }
  })

  it(`${SIMULTANEOUS} simultaneous approvals of one level: exactly one succeeds`, async () => {
    const id = await pendingApproval()

    const responses = await Promise.all(
      Array.from({ length: SIMULTANEOUS }, () =>
        t.app.inject({ method: 'POST', url: `${APPROVALS}/${id}/approve`, headers }),
      ),
    )

    expect(statusCounts(responses.map((response) => response.statusCode))).toEqual({
      200: 1,
      400: SIMULTANEOUS - 1,
    })
  })

  it(`${SIMULTANEOUS} simultaneous requests for one entry create one pending chain`, async () => {
    const entry = await createTimeEntry(t.deps, owner)
    const ownerHeaders = bearer(await createToken(t.deps, owner))

    const responses = await Promise.all(
      Array.from({ length: SIMULTANEOUS }, () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/time-entries/${entry.id}/request-approval`,
          headers: ownerHeaders,
          payload: { approver_ids: [1, 2] },
        }),
      ),
    )

    expect(statusCounts(responses.map((response) => response.statusCode))).toEqual({
      200: 1,
      400: SIMULTANEOUS - 1,
    })
    for (const response of responses.filter((r) => r.statusCode === 400)) {
      expect(response.json().error_code).toBe('already_pending')
    }
    const rows = await t.deps.database.db
      .selectFrom('timeEntryApprovals')
      .select('approvalLevel')
      .where('timeEntryId', '=', entry.id)
      .execute()
    expect(rows.map((row) => row.approvalLevel).sort()).toEqual([1, 2])
  })

  it('deleting an entry deletes its approvals', async () => {
    const id = await pendingApproval()
    const { timeEntryId } = await t.deps.timeEntryApprovals.get(owner, id)

    await t.deps.timeEntries.deleteEntry(owner, timeEntryId)

    expect(await t.deps.database.db.selectFrom('timeEntryApprovals').selectAll().execute()).toEqual([])
  })
})
