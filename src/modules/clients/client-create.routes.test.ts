import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const CLIENTS = '/api/v1/clients'

const INSUFFICIENT = {
  success: false,
  error: 'Insufficient permissions',
  message: 'Insufficient permissions',
  error_code: 'forbidden',
}
const DUPLICATE = {
  success: false,
  error: 'A client with this name already exists',
  message: 'A client with this name already exists',
  error_code: 'duplicate_client',
}
const NAME_REQUIRED = {
  success: false,
  error: 'Client name is required',
  message: 'Client name is required',
  error_code: 'validation_error',
  errors: { name: ['Client name is required'] },
}

describe.each(dialects)('POST /api/v1/clients on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:clients', 'write:clients'])
  })

  afterEach(async () => t?.close())

  const post = (payload: unknown, as = token) =>
    t.app.inject({
      method: 'POST',
      url: CLIENTS,
      headers: bearer(as),
      payload: payload as Record<string, unknown>,
    })

  async function clientCount(): Promise<number> {
    const row = await t.deps.database.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  it('creates an active client owned by the caller, trimming strings and storing empty ones as null', async () => {
    const response = await post({
      name: '  Acme Corp ',
      email: ' contact@acme.test ',
      company: 'Acme Corporation',
      phone: '',
      address: '   ',
      description: ' Anvils ',
      contact_person: 'Wile E.',
      default_hourly_rate: '85',
      custom_fields: { vat: 'BE0123' },
      unknown_key: true,
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Client created successfully',
      client: {
        id: expect.any(Number),
        name: 'Acme Corp',
        company: 'Acme Corporation',
        description: 'Anvils',
        contact_person: 'Wile E.',
        email: 'contact@acme.test',
        phone: null,
        address: null,
        default_hourly_rate: '85.00',
        status: 'active',
        is_active: true,
        total_projects: 0,
        active_projects: 0,
        prepaid_hours_monthly: null,
        prepaid_reset_day: 1,
        custom_fields: { vat: 'BE0123' },
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
      },
    })
    const stored = await t.deps.database.db
      .selectFrom('clients')
      .select(['createdBy', 'defaultHourlyRateCents'])
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ createdBy: user.id, defaultHourlyRateCents: 8500 })
  })

  it.each([
    [12.345, '12.35'],
    ['99.995', '100.00'],
    [0, null],
    ['0.001', null],
    [null, null],
  ])('quantizes the default rate %j half up to %j', async (rate, expected) => {
    const response = await post({ name: `Rate ${String(rate)}`, default_hourly_rate: rate })

    expect(response.json().client.default_hourly_rate).toBe(expected)
  })

  it.each([
    ['missing', {}],
    ['empty', { name: '' }],
    ['blank', { name: '  ' }],
    ['null', { name: null }],
  ])('refuses a %s name before any other check', async (_case, body) => {
    const response = await post({ ...body, default_hourly_rate: 'lots', email: 5 })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(NAME_REQUIRED)
  })

  it('reports every wrong field at once with the standard messages', async () => {
    const response = await post({
      name: 5,
      email: true,
      company: 'c'.repeat(201),
      phone: '1'.repeat(51),
      default_hourly_rate: 'lots',
      custom_fields: 'none',
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: {
        name: ['Not a valid string.'],
        email: ['Not a valid string.'],
        default_hourly_rate: ['Not a valid number.'],
        custom_fields: ['Not a valid mapping type.'],
      },
    })
  })

  it('checks lengths after trimming and the rate range', async () => {
    const response = await post({
      name: `  ${'n'.repeat(201)}  `,
      company: ` ${'c'.repeat(201)} `,
      phone: '1'.repeat(51),
      contact_person: `  ${'p'.repeat(200)}  `,
      default_hourly_rate: -5,
    })

    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: {
        name: ['Longer than maximum length 200.'],
        company: ['Longer than maximum length 200.'],
        phone: ['Longer than maximum length 50.'],
        default_hourly_rate: ['Must be greater than or equal to 0 and less than or equal to 9999999.99.'],
      },
    })
  })

  it('refuses a name already taken, exactly and case-sensitively, and writes nothing', async () => {
    await createClient(t.deps, await createUser(t.deps), { name: 'Acme' })

    const duplicate = await post({ name: ' Acme ' })
    const otherCase = await post({ name: 'ACME' })

    expect(duplicate.statusCode).toBe(400)
    expect(duplicate.json()).toEqual(DUPLICATE)
    expect(otherCase.statusCode).toBe(201)
    expect(await clientCount()).toBe(2)
  })

  it('keeps names unique under concurrent requests', async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => post({ name: 'Race' })))

    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(responses.filter((r) => r.statusCode === 400).map((r) => r.json<unknown>())).toEqual(
      Array(5).fill(DUPLICATE),
    )
  })

  it.each(['admin', 'manager', 'user', 'subcontractor'])('lets a %s create clients', async (role) => {
    const creator = await createUser(t.deps, { role })

    const response = await post({ name: `By ${role}` }, await createToken(t.deps, creator, ['write:clients']))

    expect(response.statusCode).toBe(201)
  })

  it('refuses a viewer and writes nothing', async () => {
    const viewer = await createUser(t.deps, { role: 'viewer' })

    const response = await post(
      { name: 'Viewer client' },
      await createToken(t.deps, viewer, ['write:clients']),
    )

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(INSUFFICIENT)
    expect(await clientCount()).toBe(0)
  })

  it('requires the write:clients scope', async () => {
    const response = await post({ name: 'Scoped' }, await createToken(t.deps, user, ['read:clients']))

    expect(response.statusCode).toBe(403)
    expect(response.json().required_scope).toBe('write:clients')
  })
})
