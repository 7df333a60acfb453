import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { Client } from '../clients/client.types.js'
import type { User } from '../users/user.types.js'

const QUOTES = '/api/v1/quotes'

describe.each(dialects)('POST /api/v1/quotes on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string
  let client: Client

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:quotes', 'write:quotes'])
    client = await createClient(t.deps, user)
  })

  afterEach(async () => t?.close())

  const post = (payload: unknown, as = token) =>
    t.app.inject({
      method: 'POST',
      url: QUOTES,
      headers: bearer(as),
      payload: payload as Record<string, unknown>,
    })

  async function storedRows() {
    const db = t.deps.database.db
    const quotes = await db
      .selectFrom('quotes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const items = await db
      .selectFrom('quoteItems')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return { quotes: Number(quotes.n), items: Number(items.n) }
  }

  it('creates a draft quote whose totals are computed exactly from its lines', async () => {
    const response = await post({
      client_id: String(client.id),
      title: '  Website retainer ',
      description: ' Monthly support ',
      tax_rate: 21,
      currency_code: 'usd',
      valid_until: '2025-02-28',
      items: [
        { description: ' Development ', quantity: 2.5, unit_price: '19.99', unit: ' hours ' },
        {
          line_kind: 'expense',
          display_name: 'Train ticket',
          category: 'Travel',
          line_date: '2025-01-10',
          unit_price: 10,
        },
        { line_kind: 'good', sku: 'CBL-1', description: '', quantity: '3', unit_price: 0.1 },
      ],
      total_amount: 999,
      status: 'accepted',
      payment_terms: 'Net 30',
    })

    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body.message).toBe('Quote created successfully')
    expect(body.quote).toEqual({
      id: expect.any(Number),
      quote_number: 'QUO-20250115-001',
      client_id: client.id,
      title: 'Website retainer',
      description: 'Monthly support',
      status: 'draft',
      subtotal: 60.28,
      discount_type: null,
      discount_amount: 0,
      discount_value: 0,
      discount_reason: null,
      coupon_code: null,
      subtotal_after_discount: 60.28,
      tax_rate: 21,
      tax_amount: 12.66,
      total_amount: 72.94,
      currency_code: 'USD',
      valid_until: '2025-02-28',
      sent_at: null,
      accepted_at: null,
      rejected_at: null,
      project_id: null,
      created_by: user.id,
      accepted_by: null,
      created_at: '2025-01-15T10:00:00',
      updated_at: '2025-01-15T10:00:00',
      notes: null,
      terms: null,
      visible_to_client: false,
      template_id: null,
      is_draft: true,
      is_sent: false,
      is_accepted: false,
      is_rejected: false,
      is_expired: false,
      can_be_accepted: false,
      has_project: false,
      items: [
        {
          id: expect.any(Number),
          quote_id: body.quote.id,
          line_kind: 'item',
          display_name: null,
          category: null,
          line_date: null,
          sku: null,
          description: 'Development',
          quantity: 2.5,
          unit_price: 19.99,
          total_amount: 49.98,
          unit: 'hours',
          stock_item_id: null,
          warehouse_id: null,
          is_stock_item: false,
          position: 0,
          created_at: '2025-01-15T10:00:00',
        },
        expect.objectContaining({
          line_kind: 'expense',
          display_name: 'Train ticket',
          category: 'Travel',
          line_date: '2025-01-10',
          description: 'Train ticket',
          quantity: 1,
          unit_price: 10,
          total_amount: 10,
          position: 1,
        }),
        expect.objectContaining({
          line_kind: 'good',
          sku: 'CBL-1',
          description: '-',
          quantity: 3,
          unit_price: 0.1,
          total_amount: 0.3,
          position: 2,
        }),
      ],
    })
  })

  it('applies the defaults: no lines, EUR, no tax, no validity date', async () => {
    const response = await post({ client_id: client.id, title: 'Empty' })

    expect(response.statusCode).toBe(201)
    expect(response.json().quote).toMatchObject({
      subtotal: 0,
      tax_rate: 0,
      tax_amount: 0,
      total_amount: 0,
      currency_code: 'EUR',
      valid_until: null,
      description: null,
      items: [],
    })
  })

  it('ignores a valid_until it cannot read as a date', async () => {
    const response = await post({ client_id: client.id, title: 'T', valid_until: 'end of month' })

    expect(response.statusCode).toBe(201)
    expect(response.json().quote.valid_until).toBeNull()
  })

  it('accepts a client the caller cannot see, as the original does', async () => {
    const stranger = await createUser(t.deps)
    const foreignClient = await createClient(t.deps, stranger)

    const response = await post({ client_id: foreignClient.id, title: 'T' })

    expect(response.statusCode).toBe(201)
  })

  it.each([
    [{ title: 'T' }, { client_id: ['Missing data for required field.'] }],
    [{ client_id: null, title: 'T' }, { client_id: ['Missing data for required field.'] }],
    [{ client_id: 1, title: '   ' }, { title: ['Missing data for required field.'] }],
    [{ client_id: 1, title: null }, { title: ['Missing data for required field.'] }],
    [{}, { client_id: ['Missing data for required field.'], title: ['Missing data for required field.'] }],
  ])('refuses %j: client_id and title are required', async (payload, errors) => {
    const response = await post(payload)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'client_id and title are required',
      message: 'client_id and title are required',
      error_code: 'validation_error',
      errors,
    })
  })

  it('answers an unknown client with invalid_client', async () => {
    for (const clientId of [999_999, 99_999_999_999]) {
      const response = await post({ client_id: clientId, title: 'T' })

      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'Invalid client',
        message: 'Invalid client',
        error_code: 'invalid_client',
      })
    }
  })

  it('refuses numbers it cannot read, naming each field and line', async () => {
    const response = await post({
      client_id: client.id,
      title: 'T',
      tax_rate: 'lots',
      items: [{ quantity: 1, unit_price: 5 }, { quantity: 'two', unit_price: null }, { unit_price: true }],
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: {
        tax_rate: ['Not a valid number.'],
        'items[1].quantity': ['Not a valid number.'],
        'items[1].unit_price': ['Field may not be null.'],
        'items[2].unit_price': ['Not a valid number.'],
      },
    })
  })

  it.each([
    [{ tax_rate: -1 }, { tax_rate: ['Must be greater than or equal to 0.'] }],
    [{ tax_rate: 1000.5 }, { tax_rate: ['Must be less than or equal to 1000.'] }],
    [{ tax_rate: null }, { tax_rate: ['Field may not be null.'] }],
    [{ currency_code: 'EURO' }, { currency_code: ['Must be a 3-letter currency code.'] }],
    [{ currency_code: 'E1R' }, { currency_code: ['Must be a 3-letter currency code.'] }],
    [{ currency_code: 5 }, { currency_code: ['Not a valid string.'] }],
    [
      { items: [{ quantity: 2_000_000 }] },
      { 'items[0].quantity': ['Must be less than or equal to 1000000.'] },
    ],
    [
      { items: [{ unit_price: -20_000_000 }] },
      { 'items[0].unit_price': ['Must be greater than or equal to -10000000.'] },
    ],
  ])('refuses the out-of-rule value %j', async (fields, errors) => {
    const response = await post({ client_id: client.id, title: 'T', ...fields })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error_code: 'validation_error',
      message: 'Validation failed',
      errors,
    })
  })

  it('checks field types at the edge with the standard messages', async () => {
    const response = await post({
      client_id: 'abc',
      title: 'x'.repeat(201),
      description: 7,
      items: [{ description: 'd'.repeat(501), unit: 'u'.repeat(21) }, 'line'],
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual({
      client_id: ['Not a valid integer.'],
      title: ['Longer than maximum length 200.'],
      description: ['Not a valid string.'],
      'items.0.description': ['Longer than maximum length 500.'],
      'items.0.unit': ['Longer than maximum length 20.'],
      'items.1': ['Not a valid mapping type.'],
    })
  })

  it('writes nothing when a request fails', async () => {
    await post({ client_id: client.id, title: 'T', items: [{ quantity: 1 }, { quantity: 'x' }] })
    await post({ client_id: 999_999, title: 'T', items: [{ quantity: 1 }] })
    await post({ title: 'T', items: [{ quantity: 1 }] })

    expect(await storedRows()).toEqual({ quotes: 0, items: 0 })
  })

  it('needs the write:quotes scope', async () => {
    const readOnly = await createToken(t.deps, user, ['read:quotes'])

    const response = await post({ client_id: client.id, title: 'T' }, readOnly)

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:quotes' })
  })

  it('refuses a viewer, whose role cannot create quotes', async () => {
    const viewer = await createUser(t.deps, { role: 'viewer' })
    const viewerToken = await createToken(t.deps, viewer)

    const response = await post({ client_id: client.id, title: 'T' }, viewerToken)

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      success: false,
      error: 'Insufficient permissions',
      message: 'Insufficient permissions',
      error_code: 'forbidden',
    })
    expect(await storedRows()).toEqual({ quotes: 0, items: 0 })
  })

  it.each(['manager', 'subcontractor', 'admin'])('lets a %s create quotes', async (role) => {
    const someone = await createUser(t.deps, { role })

    const response = await post({ client_id: client.id, title: 'T' }, await createToken(t.deps, someone))

    expect(response.statusCode).toBe(201)
    expect(response.json().quote.created_by).toBe(someone.id)
  })
})
