import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const DEALS = '/api/v1/deals'

describe.each(dialects)('POST /api/v1/deals on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['write:deals', 'read:deals'])
  })

  afterEach(async () => t?.close())

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: DEALS,
      headers: { ...bearer(token), ...headers },
      payload: payload as object,
    })

  async function dealCount(): Promise<number> {
    const rows = await t.deps.database.db.selectFrom('deals').select('id').execute()
    return rows.length
  }

  it('creates a deal with the defaults of §3.1', async () => {
    const response = await post({ name: '  Website  ' })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Deal created successfully',
      deal: {
        id: expect.any(Number),
        client_id: null,
        contact_id: null,
        lead_id: null,
        name: 'Website',
        description: null,
        stage: 'prospecting',
        value: null,
        currency_code: 'EUR',
        probability: 50,
        weighted_value: 0,
        expected_close_date: null,
        actual_close_date: null,
        status: 'open',
        loss_reason: null,
        related_quote_id: null,
        related_project_id: null,
        notes: null,
        created_by: user.id,
        owner_id: user.id,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
        closed_at: null,
        is_open: true,
        is_won: false,
        is_lost: false,
      },
    })
  })

  it('stores every field it is given, trimmed, with an exact weighted value', async () => {
    const client = await createClient(t.deps, user)
    const project = await createProject(t.deps, user, { clientId: client.id })
    const other = await createUser(t.deps)

    const response = await post({
      name: 'Big one',
      description: '  Long story ',
      stage: ' proposal ',
      status: ' won ',
      currency_code: 'USD',
      loss_reason: '',
      notes: ' n ',
      value: '1000.125',
      probability: '33',
      expected_close_date: '2025-3-7',
      client_id: client.id,
      related_project_id: String(project.id),
      owner_id: other.id,
    })

    expect(response.statusCode).toBe(201)
    expect(response.json().deal).toMatchObject({
      description: 'Long story',
      stage: 'proposal',
      status: 'won',
      currency_code: 'USD',
      loss_reason: null,
      notes: 'n',
      value: 1000.13,
      probability: 33,
      // 1000.13 × 33 / 100 = 330.0429 → 330.04
      weighted_value: 330.04,
      expected_close_date: '2025-03-07',
      client_id: client.id,
      related_project_id: project.id,
      owner_id: other.id,
      created_by: user.id,
      is_open: false,
      is_won: true,
    })
  })

  it('rounds the weighted value half up on the exact product', async () => {
    const response = await post({ name: 'Half', value: 0.25, probability: 50 })

    expect(response.json().deal.weighted_value).toBe(0.13)
  })

  it.each([
    [0, null],
    ['0.00', null],
    ['', null],
    [null, null],
    [false, null],
  ])('stores a value of %j as null', async (value, stored) => {
    const response = await post({ name: 'Zero', value })

    expect(response.statusCode).toBe(201)
    expect(response.json().deal.value).toBe(stored)
    expect(response.json().deal.weighted_value).toBe(0)
  })

  it('reads an unparseable expected_close_date as null', async () => {
    const response = await post({ name: 'Dates', expected_close_date: 'next week' })

    expect(response.json().deal.expected_close_date).toBeNull()
  })

  it('takes the caller as owner when owner_id is falsy', async () => {
    const response = await post({ name: 'Mine', owner_id: 0 })

    expect(response.json().deal.owner_id).toBe(user.id)
  })

  it.each([{}, { name: '' }, { name: '   ' }, { name: null }])(
    'answers %j with name is required and writes nothing',
    async (payload) => {
      const response = await post(payload)

      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'name is required',
        message: 'name is required',
        error_code: 'validation_error',
        errors: { name: ['name is required'] },
      })
      expect(await dealCount()).toBe(0)
    },
  )

  it('treats an empty body as {} (name is required)', async () => {
    const response = await t.app.inject({ method: 'POST', url: DEALS, headers: bearer(token) })

    expect(response.statusCode).toBe(400)
    expect(response.json().error).toBe('name is required')
  })

  it.each(['abc', true, [1], { a: 1 }])('refuses a value of %j with Invalid value', async (value) => {
    const response = await post({ name: 'Bad', value })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Invalid value',
      message: 'Invalid value',
      error_code: 'bad_request',
    })
    expect(await dealCount()).toBe(0)
  })

  it('refuses a value larger than the money column holds', async () => {
    const response = await post({ name: 'Huge', value: '100000000' })

    expect(response.statusCode).toBe(400)
    expect(response.json().error_code).toBe('validation_error')
    expect(response.json().errors).toEqual({
      value: ['Must be greater than or equal to -99999999.99 and less than or equal to 99999999.99.'],
    })
  })

  it.each([-1, 101, 50.5, 'abc', '', true])('refuses a probability of %j', async (probability) => {
    const response = await post({ name: 'Odds', probability })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'probability must be an integer between 0 and 100',
      message: 'probability must be an integer between 0 and 100',
      error_code: 'bad_request',
    })
    expect(await dealCount()).toBe(0)
  })

  it.each([0, 100, ' 7 '])('accepts a probability of %j', async (probability) => {
    const response = await post({ name: 'Odds', probability })

    expect(response.statusCode).toBe(201)
    expect(response.json().deal.probability).toBe(Number(probability))
  })

  it('names every reference that points nowhere and writes nothing', async () => {
    const response = await post({
      name: 'Dangling',
      client_id: 999999,
      contact_id: 999999,
      lead_id: 999999,
      related_quote_id: 999999,
      related_project_id: 99999999999,
      owner_id: 999999,
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: {
        client_id: ['Client not found'],
        contact_id: ['Contact not found'],
        lead_id: ['Lead not found'],
        related_quote_id: ['Quote not found'],
        related_project_id: ['Project not found'],
        owner_id: ['User not found'],
      },
    })
    expect(await dealCount()).toBe(0)
  })

  it('refuses ids and texts of the wrong type with the standard field messages', async () => {
    const response = await post({ name: 'Typed', client_id: 'abc', notes: 5, currency_code: 'EURO' })

    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual({
      client_id: ['Not a valid integer.'],
      notes: ['Not a valid string.'],
      currency_code: ['Longer than maximum length 3.'],
    })
  })

  it('writes datetimes in UTC when the client prefers it', async () => {
    const response = await post({ name: 'UTC' }, { prefer: 'datetime=utc' })

    expect(response.json().deal.created_at).toBe('2025-01-15T10:00:00Z')
  })
})
