import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser, disableModules } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'
import type { CreateDealInput } from './deal.types.js'

const DEALS = '/api/v1/deals'

/** The ids of a deal list answer, in order. */
function idsOf(response: { json(): unknown }): number[] {
  return (response.json() as { deals: { id: number }[] }).deals.map((deal) => deal.id)
}

describe.each(dialects)('reading, changing and deleting deals on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner)
  })

  afterEach(async () => t?.close())

  const dealOf = (user: User, input: Partial<CreateDealInput> = {}) =>
    t.deps.deals.create(user, { name: 'Deal', ...input })

  const send = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
    t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) })

  async function tokenFor(role: string) {
    return createToken(t.deps, await createUser(t.deps, { role }))
  }

  it('answers 404 for an unknown deal and for a non-integer id', async () => {
    expect((await send('GET', `${DEALS}/999999`, ownerToken)).json()).toEqual({
      success: false,
      error: 'Deal not found',
      message: 'Deal not found',
      error_code: 'not_found',
    })
    expect((await send('GET', `${DEALS}/abc`, ownerToken)).statusCode).toBe(404)
  })

  it.each(['user', 'manager'])(
    'refuses a %s who does not own the deal, on every item route',
    async (role) => {
      const deal = await dealOf(owner, { value: 10 })
      const token = await tokenFor(role)

      for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
        const response = await send(
          method,
          `${DEALS}/${deal.id}`,
          token,
          method === 'GET' ? undefined : { name: 'X' },
        )
        expect(response.statusCode).toBe(403)
        expect(response.json()).toEqual({
          success: false,
          error: 'Access denied',
          message: 'Access denied',
          error_code: 'forbidden',
        })
      }
      expect(await t.deps.deals.get(owner, deal.id)).toEqual(deal)
    },
  )

  it('lets an administrator read, change and delete any deal', async () => {
    const deal = await dealOf(owner)
    const admin = await tokenFor('admin')

    expect((await send('GET', `${DEALS}/${deal.id}`, admin)).json().deal.id).toBe(deal.id)
    expect((await send('PATCH', `${DEALS}/${deal.id}`, admin, { stage: 'won' })).json().deal.stage).toBe(
      'won',
    )
    expect((await send('DELETE', `${DEALS}/${deal.id}`, admin)).json()).toEqual({
      message: 'Deal deleted successfully',
    })
    expect((await send('GET', `${DEALS}/${deal.id}`, admin)).statusCode).toBe(404)
  })

  it.each(['PUT', 'PATCH'] as const)('%s changes only the keys present', async (method) => {
    const deal = await dealOf(owner, { value: '100', probability: 20, description: 'Keep', notes: 'n' })
    t.clock.advanceSeconds(60)

    const response = await send(method, `${DEALS}/${deal.id}`, ownerToken, {
      name: ' Renamed ',
      status: 'won',
      description: null,
      notes: '  ',
      probability: null,
      actual_close_date: '2025-02-01',
      expected_close_date: 'soon',
    })

    expect(response.statusCode).toBe(200)
    expect(response.json().message).toBe('Deal updated successfully')
    expect(response.json().deal).toMatchObject({
      name: 'Renamed',
      status: 'won',
      stage: 'prospecting',
      description: 'Keep',
      notes: null,
      value: 100,
      probability: null,
      weighted_value: 0,
      actual_close_date: '2025-02-01',
      expected_close_date: null,
      closed_at: null,
      is_won: true,
      is_open: false,
      created_at: '2025-01-15T10:00:00',
      updated_at: '2025-01-15T10:01:00',
    })
  })

  it('clears the value with null and ignores a non-numeric one', async () => {
    const deal = await dealOf(owner, { value: '100' })

    const ignored = await send('PATCH', `${DEALS}/${deal.id}`, ownerToken, { value: 'lots' })
    const cleared = await send('PATCH', `${DEALS}/${deal.id}`, ownerToken, { value: null })

    expect(ignored.json().deal.value).toBe(100)
    expect(cleared.json().deal.value).toBeNull()
  })

  it('sets references to null and refuses a blank name or a bad probability without writing', async () => {
    const deal = await dealOf(owner, { ownerId: owner.id })

    const blank = await send('PATCH', `${DEALS}/${deal.id}`, ownerToken, { name: ' ', notes: 'lost' })
    const odds = await send('PATCH', `${DEALS}/${deal.id}`, ownerToken, { probability: 101, notes: 'lost' })
    const unknown = await send('PATCH', `${DEALS}/${deal.id}`, ownerToken, { lead_id: 999999, notes: 'lost' })

    expect(blank.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { name: ['name is required'] },
    })
    expect(odds.json()).toMatchObject({
      error_code: 'bad_request',
      message: 'probability must be an integer between 0 and 100',
    })
    expect(unknown.json().errors).toEqual({ lead_id: ['Lead not found'] })
    expect(await t.deps.deals.get(owner, deal.id)).toEqual(deal)
  })

  it('deletes the owner’s deal', async () => {
    const deal = await dealOf(owner)

    const response = await send('DELETE', `${DEALS}/${deal.id}`, ownerToken)

    expect(response.json()).toEqual({ message: 'Deal deleted successfully' })
    expect(await t.deps.database.db.selectFrom('deals').selectAll().execute()).toEqual([])
  })

  describe('GET /api/v1/deals', () => {
    it('shows a non-admin only their own deals, whatever owner they ask for (§9 item 11)', async () => {
      const other = await createUser(t.deps)
      await dealOf(other)
      const mine = await dealOf(owner)

      const plain = await send('GET', DEALS, ownerToken)
      const asking = await send('GET', `${DEALS}?owner=${other.id}`, ownerToken)
      const manager = await send('GET', DEALS, await tokenFor('manager'))

      expect(idsOf(plain)).toEqual([mine.id])
      expect(idsOf(asking)).toEqual([mine.id])
      expect(manager.json().deals).toEqual([])
    })

    it('shows an administrator every deal, or one owner’s', async () => {
      const other = await createUser(t.deps)
      const theirs = await dealOf(other)
      const mine = await dealOf(owner)
      const admin = await tokenFor('admin')

      const all = await send('GET', DEALS, admin)
      const filtered = await send('GET', `${DEALS}?owner=${other.id}`, admin)

      expect(idsOf(all).sort()).toEqual([theirs.id, mine.id].sort())
      expect(idsOf(filtered)).toEqual([theirs.id])
    })

    it('defaults to open deals; won and lost filter; any other status shows all', async () => {
      const open = await dealOf(owner)
      const won = await dealOf(owner, { status: 'won' })
      const cancelled = await dealOf(owner, { status: 'cancelled' })
      const ids = async (query: string) => idsOf(await send('GET', `${DEALS}${query}`, ownerToken)).sort()

      expect(await ids('')).toEqual([open.id])
      expect(await ids('?status=won')).toEqual([won.id])
      expect(await ids('?status=all')).toEqual([open.id, won.id, cancelled.id].sort())
      expect(await ids('?status=cancelled')).toEqual([open.id, won.id, cancelled.id].sort())
    })

    it('orders by expected close date with nulls last, then newest first, and paginates', async () => {
      const noDate = await dealOf(owner)
      t.clock.advanceSeconds(10)
      const newerNoDate = await dealOf(owner, { stage: 'proposal' })
      const late = await dealOf(owner, { expectedCloseDate: '2025-06-01' })
      const early = await dealOf(owner, { expectedCloseDate: '2025-02-01' })

      const response = await send('GET', `${DEALS}?per_page=3`, ownerToken)
      const byStage = await send('GET', `${DEALS}?stage=proposal`, ownerToken)

      expect(idsOf(response)).toEqual([early.id, late.id, newerNoDate.id])
      expect(response.json().pagination).toEqual({
        page: 1,
        per_page: 3,
        total: 4,
        pages: 2,
        has_next: true,
        has_prev: false,
        next_page: 2,
        prev_page: null,
      })
      expect(idsOf(byStage)).toEqual([newerNoDate.id])
      expect(noDate.id).toBeLessThan(newerNoDate.id)
    })
  })

  describe('scopes and the module gate', () => {
    it('requires read:deals to read and write:deals to write', async () => {
      const token = await createToken(t.deps, owner, ['read:deals'])

      const response = await t.app.inject({ method: 'POST', url: DEALS, headers: bearer(token), payload: {} })

      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual({
        success: false,
        error: 'Insufficient permissions',
        message: "This endpoint requires the 'write:deals' scope",
        error_code: 'forbidden',
        required_scope: 'write:deals',
        available_scopes: ['read:deals'],
      })
    })

    it('answers module_disabled before any validation when deals is switched off', async () => {
      await disableModules(t.deps, ['deals'])
      const admin = await tokenFor('admin')

      const post = await t.app.inject({ method: 'POST', url: DEALS, headers: bearer(admin), payload: {} })
      const get = await send('GET', `${DEALS}/999999`, admin)

      for (const response of [post, get]) {
        expect(response.statusCode).toBe(403)
        expect(response.json()).toEqual({
          success: false,
          error: 'module_disabled',
          message: 'deals module is disabled by the administrator.',
          error_code: 'forbidden',
        })
      }
    })

    it('follows a disabled clients module for users but not for administrators', async () => {
      await disableModules(t.deps, ['clients'])

      const asUser = await send('GET', DEALS, ownerToken)
      const asAdmin = await send('GET', DEALS, await tokenFor('admin'))

      expect(asUser.statusCode).toBe(403)
      expect(asUser.json().error).toBe('module_disabled')
      expect(asAdmin.statusCode).toBe(200)
    })
  })
})
