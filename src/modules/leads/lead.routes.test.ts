import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser, disableModules } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'
import type { LeadInput } from './lead.types.js'

const LEADS = '/api/v1/leads'
const NAMES_REQUIRED = {
  success: false,
  error: 'first_name and last_name are required',
  message: 'first_name and last_name are required',
  error_code: 'bad_request',
}

function idsOf(response: { json(): unknown }): number[] {
  return (response.json() as { leads: { id: number }[] }).leads.map((lead) => lead.id)
}

describe.each(dialects)('/api/v1/leads on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner, ['read:leads', 'write:leads'])
  })

  afterEach(async () => t?.close())

  const leadOf = (user: User, input: LeadInput = {}) =>
    t.deps.leads.create(user, { firstName: 'Ada', lastName: 'Lovelace', ...input })

  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) })

  async function tokenFor(role: string) {
    return createToken(t.deps, await createUser(t.deps, { role }))
  }

  async function leadCount(): Promise<number> {
    return (await t.deps.database.db.selectFrom('leads').select('id').execute()).length
  }

  it('creates a lead with the defaults and derived fields of §3.2', async () => {
    const response = await send('POST', LEADS, ownerToken, {
      first_name: ' Ada ',
      last_name: 'Lovelace ',
      company_name: ' Engines Ltd ',
      tags: 'math, poetry,',
      email: '',
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Lead created successfully',
      lead: {
        id: expect.any(Number),
        first_name: 'Ada',
        last_name: 'Lovelace',
        full_name: 'Ada Lovelace',
        display_name: 'Ada Lovelace (Engines Ltd)',
        company_name: 'Engines Ltd',
        email: null,
        phone: null,
        title: null,
        source: null,
        status: 'new',
        score: 0,
        estimated_value: null,
        currency_code: 'EUR',
        converted_to_client_id: null,
        converted_to_deal_id: null,
        converted_at: null,
        converted_by: null,
        notes: null,
        tags: ['math', ' poetry', ''],
        created_by: owner.id,
        owner_id: owner.id,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
        is_converted: false,
        is_lost: false,
      },
    })
  })

  it('stores a numeric estimated value exactly and a non-numeric one as null', async () => {
    const numeric = await send('POST', LEADS, ownerToken, {
      first_name: 'A',
      last_name: 'B',
      estimated_value: '1234.565',
      score: '7',
      status: 'lost',
    })
    const text = await send('POST', LEADS, ownerToken, {
      first_name: 'A',
      last_name: 'B',
      estimated_value: 'lots',
    })

    expect(numeric.json().lead).toMatchObject({
      estimated_value: 1234.57,
      score: 7,
      status: 'lost',
      is_lost: true,
    })
    expect(text.statusCode).toBe(201)
    expect(text.json().lead.estimated_value).toBeNull()
  })

  it.each([
    {},
    { first_name: 'Ada' },
    { first_name: ' ', last_name: 'L' },
    { first_name: 'A', last_name: null },
  ])('refuses %j and writes nothing', async (payload) => {
    const response = await send('POST', LEADS, ownerToken, payload)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(NAMES_REQUIRED)
    expect(await leadCount()).toBe(0)
  })

  it('refuses a non-integer score and an unknown owner with field errors', async () => {
    const score = await send('POST', LEADS, ownerToken, { first_name: 'A', last_name: 'B', score: 'high' })
    const ownerMissing = await send('POST', LEADS, ownerToken, {
      first_name: 'A',
      last_name: 'B',
      owner_id: 999999,
    })

    expect(score.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { score: ['Not a valid integer.'] },
    })
    expect(ownerMissing.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { owner_id: ['User not found'] },
    })
    expect(await leadCount()).toBe(0)
  })

  it('lets owners and administrators read, and refuses other users with Access denied', async () => {
    const lead = await leadOf(owner)

    const own = await send('GET', `${LEADS}/${lead.id}`, ownerToken)
    const admin = await send('GET', `${LEADS}/${lead.id}`, await tokenFor('admin'))
    const manager = await send('GET', `${LEADS}/${lead.id}`, await tokenFor('manager'))
    const missing = await send('GET', `${LEADS}/999999`, ownerToken)

    expect(own.json().lead.id).toBe(lead.id)
    expect(admin.statusCode).toBe(200)
    expect(manager.statusCode).toBe(403)
    expect(manager.json()).toEqual({
      success: false,
      error: 'Access denied',
      message: 'Access denied',
      error_code: 'forbidden',
    })
    expect(missing.json()).toMatchObject({ error_code: 'not_found', message: 'Lead not found' })
  })

  it.each(['PUT', 'PATCH'] as const)(
    '%s changes the keys present; null leaves strings as they are',
    async (method) => {
      const lead = await leadOf(owner, { email: 'a@b.c', estimatedValue: 50, notes: 'n' })
      const newOwner = await createUser(t.deps)
      t.clock.advanceSeconds(30)

      const response = await send(method, `${LEADS}/${lead.id}`, ownerToken, {
        last_name: ' Byron ',
        email: null,
        notes: '',
        estimated_value: 'many',
        score: 9,
        owner_id: newOwner.id,
      })

      expect(response.statusCode).toBe(200)
      expect(response.json().message).toBe('Lead updated successfully')
      expect(response.json().lead).toMatchObject({
        last_name: 'Byron',
        full_name: 'Ada Byron',
        email: 'a@b.c',
        notes: null,
        estimated_value: 50,
        score: 9,
        owner_id: newOwner.id,
        updated_at: '2025-01-15T10:00:30',
      })
    },
  )

  it('refuses to change another user’s lead or blank a name, writing nothing', async () => {
    const lead = await leadOf(owner)
    const stranger = await tokenFor('user')

    const foreign = await send('PATCH', `${LEADS}/${lead.id}`, stranger, { status: 'lost' })
    const foreignDelete = await send('DELETE', `${LEADS}/${lead.id}`, stranger)
    const blank = await send('PATCH', `${LEADS}/${lead.id}`, ownerToken, { first_name: '', status: 'lost' })

    expect(foreign.statusCode).toBe(403)
    expect(foreignDelete.statusCode).toBe(403)
    expect(blank.json()).toEqual(NAMES_REQUIRED)
    expect(await t.deps.leads.get(owner, lead.id)).toEqual(lead)
  })

  it('deletes a lead for good', async () => {
    const lead = await leadOf(owner)

    const response = await send('DELETE', `${LEADS}/${lead.id}`, ownerToken)

    expect(response.json()).toEqual({ message: 'Lead deleted successfully' })
    expect(await leadCount()).toBe(0)
  })

  describe('GET /api/v1/leads', () => {
    it('shows a non-admin only their own leads and an administrator any owner’s', async () => {
      const other = await createUser(t.deps)
      const theirs = await leadOf(other)
      const mine = await leadOf(owner)
      const admin = await tokenFor('admin')

      expect(idsOf(await send('GET', `${LEADS}?owner=${other.id}`, ownerToken))).toEqual([mine.id])
      expect(idsOf(await send('GET', `${LEADS}?owner=${other.id}`, admin))).toEqual([theirs.id])
    })

    it('hides converted and lost leads unless a status is asked for', async () => {
      const fresh = await leadOf(owner)
      const lost = await leadOf(owner, { status: 'lost' })
      await leadOf(owner, { status: 'converted' })

      expect(idsOf(await send('GET', LEADS, ownerToken))).toEqual([fresh.id])
      expect(idsOf(await send('GET', `${LEADS}?status=lost`, ownerToken))).toEqual([lost.id])
    })

    it('orders by score, then newest, and filters by source and a case-insensitive search', async () => {
      const low = await leadOf(owner, { score: 1, source: 'web' })
      t.clock.advanceSeconds(5)
      const lowNewer = await leadOf(owner, { score: 1, companyName: 'ACME_100%' })
      const high = await leadOf(owner, { score: 5, email: 'Boss@Example.com', firstName: 'Zed' })

      expect(idsOf(await send('GET', LEADS, ownerToken))).toEqual([high.id, lowNewer.id, low.id])
      expect(idsOf(await send('GET', `${LEADS}?source=web`, ownerToken))).toEqual([low.id])
      expect(idsOf(await send('GET', `${LEADS}?search=%20boss%40`, ownerToken))).toEqual([high.id])
      expect(idsOf(await send('GET', `${LEADS}?search=me_100%25`, ownerToken))).toEqual([lowNewer.id])
      expect(idsOf(await send('GET', `${LEADS}?search=LOVELACE&per_page=1&page=2`, ownerToken))).toEqual([
        lowNewer.id,
      ])
    })
  })

  it('requires the leads scopes and the leads module', async () => {
    const readOnly = await createToken(t.deps, owner, ['read:leads'])
    const scope = await send('DELETE', `${LEADS}/1`, readOnly)
    await disableModules(t.deps, ['leads'])
    const disabled = await send('GET', LEADS, ownerToken)

    expect(scope.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:leads' })
    expect(disabled.statusCode).toBe(403)
    expect(disabled.json()).toEqual({
      success: false,
      error: 'module_disabled',
      message: 'leads module is disabled by the administrator.',
      error_code: 'forbidden',
    })
  })

  it('is disabled for users, not administrators, when clients is switched off', async () => {
    await disableModules(t.deps, ['clients'])

    expect((await send('POST', LEADS, ownerToken, {})).json().error).toBe('module_disabled')
    expect((await send('GET', LEADS, await tokenFor('admin'))).statusCode).toBe(200)
  })
})
