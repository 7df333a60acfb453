import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'
import type { RecordedEvent } from '../events/event.types.js'
import type { NewTimeEntry } from './time-entry.types.js'

const URL = '/api/v1/time-entries/bulk'
const NOTHING_UPDATED =
  'No entries were updated; active (running) time entries cannot be changed with this bulk action'

describe.each(dialects)('POST /api/v1/time-entries/bulk on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  const bulk = (headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: URL, headers, payload })

  let hour = 0
  /** A completed entry of `owner` in an hour of its own. */
  function entry(owner: User, overrides: Partial<NewTimeEntry> = {}) {
    hour += 2
    const startTime = new Date(Date.UTC(2025, 0, 1, hour))
    return createTimeEntry(t.deps, owner, {
      startTime,
      endTime: new Date(startTime.getTime() + 3_600_000),
      ...overrides,
    })
  }

  const running = (owner: User) => entry(owner, { endTime: null })

  async function stored(ids: number[]) {
    const rows = await t.deps.database.db
      .selectFrom('timeEntries')
      .select(['id', 'billable', 'paid', 'invoiceNumber', 'tags', 'updatedAt'])
      .where('id', 'in', ids)
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      billable: Boolean(row.billable),
      paid: Boolean(row.paid),
      invoiceNumber: row.invoiceNumber,
      tags: row.tags,
      updatedAt: new Date(
        typeof row.updatedAt === 'number' ? row.updatedAt * 1000 : row.updatedAt,
      ).toISOString(),
    }))
  }

  function expectError(
    response: { statusCode: number; json(): unknown },
    status: number,
    code: string,
    message: string,
    errors?: Record<string, string[]>,
  ) {
    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({
      success: false,
      error: message,
      message,
      error_code: code,
      ...(errors ? { errors } : {}),
    })
  }

  describe('validation, in order', () => {
    it('needs a non-empty list of entry ids', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const answers = await Promise.all([
        bulk(headers, { action: 'delete' }),
        bulk(headers, { entry_ids: 3, action: 'delete' }),
        bulk(headers, { entry_ids: '1,2', action: 'delete' }),
        bulk(headers, { entry_ids: [], action: 'nonsense' }),
      ])

      for (const answer of answers) {
        expectError(answer, 400, 'validation_error', 'Invalid entry_ids', {
          entry_ids: ['Must be a non-empty list of integer ids'],
        })
      }
    })

    it('needs every id to be an integer or a string of digits', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const answers = await Promise.all([
        bulk(headers, { entry_ids: [1, true], action: 'delete' }),
        bulk(headers, { entry_ids: [1.5], action: 'delete' }),
        bulk(headers, { entry_ids: ['7a'], action: 'nonsense' }),
        bulk(headers, { entry_ids: [null], action: 'delete' }),
      ])

      for (const answer of answers) {
        expectError(answer, 400, 'validation_error', 'Validation failed', {
          entry_ids: ['All entry ids must be integers'],
        })
      }
    })

    it('needs one of the five actions, trimmed', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const answers = await Promise.all([
        bulk(headers, { entry_ids: [1] }),
        bulk(headers, { entry_ids: [1], action: 'Delete' }),
        bulk(headers, { entry_ids: [1], action: ['delete'] }),
      ])

      for (const answer of answers) {
        expectError(answer, 400, 'validation_error', 'Unsupported action', {
          action: ['Must be one of: delete, set_billable, set_paid, add_tag, remove_tag.'],
        })
      }
    })

    it('answers 404 when none of the ids exists, before looking at the tag', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await bulk(headers, { entry_ids: [999999, '99999999999'], action: ' add_tag ' })

      expectError(response, 404, 'not_found', 'No entries found')
    })

    it("refuses a user any list holding someone else's entry, and changes nothing", async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const own = await entry(user)
      const foreign = await entry((await signedIn()).user)

      const response = await bulk(headers, {
        entry_ids: [own.id, foreign.id],
        action: 'set_billable',
        value: false,
      })

      expectError(response, 403, 'forbidden', 'Access denied for one or more entries')
      expect((await stored([own.id, foreign.id])).map((row) => row.billable)).toEqual([true, true])
    })

    it('refuses a viewer even their own entries', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn('viewer')
      const own = await entry(user)

      const response = await bulk(headers, { entry_ids: [own.id], action: 'delete' })

      expectError(response, 403, 'forbidden', 'Insufficient permissions')
      expect(await stored([own.id])).toHaveLength(1)
    })

    it('needs a non-empty tag for tag actions, after the access checks', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const own = await entry(user)
      const foreign = await entry((await signedIn()).user)

      const forbidden = await bulk(headers, { entry_ids: [own.id, foreign.id], action: 'add_tag' })
      const answers = await Promise.all(
        [undefined, '', '   ', 5, ['x']].map((value) =>
          bulk(headers, { entry_ids: [own.id], action: 'remove_tag', value }),
        ),
      )

      expectError(forbidden, 403, 'forbidden', 'Access denied for one or more entries')
      for (const answer of answers) {
        expectError(answer, 400, 'validation_error', 'Tag value is required', {
          value: ['Tag value is required'],
        })
      }
    })
  })

  describe('effects', () => {
    it('deletes completed entries, skips running ones and ignores unknown ids', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const [first, second, timer] = [await entry(user), await entry(user), await running(user)]

      const response = await bulk(headers, {
        entry_ids: [first.id, `${second.id}`, timer.id, 999999],
        action: 'delete',
      })

      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ success: true, affected: 2 })
      expect((await stored([first.id, second.id, timer.id])).map((row) => row.id)).toEqual([timer.id])
    })

    it('sets billable by the truthiness of value, the string "false" included', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const [a, b] = [await entry(user, { billable: false }), await entry(user, { billable: false })]
      const flags: boolean[] = []

      for (const value of ['false', 0, [], {}, null, 'no', undefined, [0]]) {
        await bulk(headers, { entry_ids: [a.id, b.id], action: 'set_billable', value })
        flags.push((await stored([a.id]))[0]!.billable)
      }

      expect(flags).toEqual([true, false, false, false, false, true, false, true])
    })

    it('marks paid, and clears the invoice number when marking unpaid', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const invoiced = await entry(user, { paid: true, invoiceNumber: 'INV-7' })
      const open = await entry(user, { invoiceNumber: 'INV-8' })

      await bulk(headers, { entry_ids: [open.id], action: 'set_paid', value: true })
      const afterPaid = await stored([invoiced.id, open.id])
      await bulk(headers, { entry_ids: [invoiced.id, open.id], action: 'set_paid', value: false })
      const afterUnpaid = await stored([invoiced.id, open.id])

      expect(afterPaid.map((row) => [row.paid, row.invoiceNumber])).toEqual([
        [true, 'INV-7'],
        [true, 'INV-8'],
      ])
      expect(afterUnpaid.map((row) => [row.paid, row.invoiceNumber])).toEqual([
        [false, null],
        [false, null],
      ])
    })

    it('adds and removes a trimmed, case-sensitive tag, writing sorted sets joined with ", "', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const [a, b, c] = [
        await entry(user, { tags: 'zeta,alpha' }),
        await entry(user, { tags: null }),
        await entry(user, { tags: 'Urgent' }),
      ]

      await bulk(headers, { entry_ids: [a.id, b.id, c.id], action: 'add_tag', value: '  urgent ' })
      const added = await stored([a.id, b.id, c.id])
      await bulk(headers, { entry_ids: [a.id, b.id, c.id], action: 'remove_tag', value: 'urgent' })
      const removed = await stored([a.id, b.id, c.id])

      expect(added.map((row) => row.tags)).toEqual(['alpha, urgent, zeta', 'urgent', 'Urgent, urgent'])
      expect(removed.map((row) => row.tags)).toEqual(['alpha, zeta', null, 'Urgent'])
    })

    it('stamps updated_at with now and tells listeners about each changed entry', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const [a, b] = [await entry(user), await entry(user)]
      t.clock.advanceSeconds(90)
      const events: RecordedEvent[] = []
      t.deps.events.onCommitted((recorded) => events.push(...recorded))

      await bulk(headers, { entry_ids: [a.id, b.id], action: 'add_tag', value: 'x' })
      await bulk(headers, { entry_ids: [b.id], action: 'delete' })

      expect((await stored([a.id])).map((row) => row.updatedAt)).toEqual(['2025-01-15T10:01:30.000Z'])
      expect(events.map((event) => [event.eventType, event.subjectId, event.envelope.data.tags])).toEqual([
        ['time_entry.updated', a.id, 'x'],
        ['time_entry.updated', b.id, 'x'],
        ['time_entry.deleted', b.id, 'x'],
      ])
    })

    it('answers 400 and changes nothing when every entry found is running', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const timer = await running(user)

      const answers = await Promise.all(
        ['delete', 'set_paid', 'add_tag'].map((action) =>
          bulk(headers, { entry_ids: [timer.id, 999999], action, value: 'x' }),
        ),
      )

      for (const answer of answers) expectError(answer, 400, 'bad_request', NOTHING_UPDATED)
      expect(await stored([timer.id])).toEqual([expect.objectContaining({ paid: false, tags: null })])
    })

    it("lets managers and admins change other users' entries", async () => {
      t = await buildTestApp({ dialect: name })
      const manager = await signedIn('manager')
      const admin = await signedIn('admin')
      const owner = (await signedIn()).user
      const [first, second] = [await entry(owner), await entry(owner)]

      const byManager = await bulk(manager.headers, { entry_ids: [first.id], action: 'set_paid', value: 1 })
      const byAdmin = await bulk(admin.headers, { entry_ids: [second.id], action: 'delete' })

      expect([byManager.json(), byAdmin.json()]).toEqual([
        { success: true, affected: 1 },
        { success: true, affected: 1 },
      ])
      expect(await stored([first.id, second.id])).toEqual([
        expect.objectContaining({ id: first.id, paid: true }),
      ])
    })

    it('needs the write:time_entries scope', async () => {
      t = await buildTestApp({ dialect: name })
      const { user } = await signedIn()
      const own = await entry(user)
      const readOnly = bearer(await createToken(t.deps, user, ['read:time_entries']))

      const response = await bulk(readOnly, { entry_ids: [own.id], action: 'delete' })

      expect(response.statusCode).toBe(403)
      expect(await stored([own.id])).toHaveLength(1)
    })
  })
})
