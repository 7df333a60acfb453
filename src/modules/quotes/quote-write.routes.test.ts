import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const QUOTES = '/api/v1/quotes'

describe.each(dialects)('PUT, PATCH and DELETE /api/v1/quotes/{id} on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner)
  })

  afterEach(async () => t?.close())

  async function createQuote(fields: Record<string, unknown> = {}) {
    const client = await createClient(t.deps, owner)
    const response = await t.app.inject({
      method: 'POST',
      url: QUOTES,
      headers: bearer(ownerToken),
      payload: { client_id: client.id, title: 'Original', description: 'Kept', tax_rate: 10, ...fields },
    })
    expect(response.statusCode).toBe(201)
    return response.json().quote as Record<string, unknown> & { id: number }
  }

  const send = (method: 'PUT' | 'PATCH' | 'DELETE' | 'GET', id: number, token: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${QUOTES}/${id}`,
      headers: bearer(token),
      ...(payload ? { payload } : {}),
    })

  async function tokenFor(role: string) {
    return createToken(t.deps, await createUser(t.deps, { role }))
  }

  it.each(['PUT', 'PATCH'] as const)(
    '%s changes only the keys it sends and recomputes the totals',
    async (method) => {
      const created = await createQuote({
        items: [{ description: 'Old line', quantity: 1, unit_price: 100 }],
      })
      t.clock.advanceSeconds(90)

      const response = await send(method, created.id, ownerToken, {
        title: '  Renamed ',
        tax_rate: '7.7',
        currency_code: 'chf',
        status: 'sent',
        valid_until: '2025-03-01',
        payment_terms: 'Net 30',
        total_amount: 1,
      })

      expect(response.statusCode).toBe(200)
      expect(response.json().message).toBe('Quote updated successfully')
      expect(response.json().quote).toEqual({
        ...created,
        title: 'Renamed',
        status: 'sent',
        tax_rate: 7.7,
        tax_amount: 7.7,
        total_amount: 107.7,
        currency_code: 'CHF',
        valid_until: '2025-03-01',
        updated_at: '2025-01-15T10:01:30',
        is_draft: false,
        is_sent: true,
        can_be_accepted: true,
      })
    },
  )

  it('replaces every line when items are sent, and clears a blank description', async () => {
    const created = await createQuote({ items: [{ description: 'Old', quantity: 1, unit_price: 100 }] })

    const response = await send('PATCH', created.id, ownerToken, {
      description: '   ',
      items: [
        { description: 'New A', quantity: '1.5', unit_price: 40 },
        { description: 'New B', unit_price: 0.05 },
      ],
    })

    const quote = response.json().quote
    expect(quote.description).toBeNull()
    expect(
      (quote.items as { description: string; position: number }[]).map((item) => [
        item.description,
        item.position,
      ]),
    ).toEqual([
      ['New A', 0],
      ['New B', 1],
    ])
    expect(quote).toMatchObject({ subtotal: 60.05, tax_amount: 6.01, total_amount: 66.06 }) // 6.005 → 6.01
    const stored = await t.deps.database.db.selectFrom('quoteItems').select('description').execute()
    expect(stored.map((row) => row.description).sort()).toEqual(['New A', 'New B'])
  })

  it('removes every line with an empty list and keeps them when items is absent', async () => {
    const created = await createQuote({ items: [{ description: 'Line', unit_price: 5 }] })

    const kept = await send('PATCH', created.id, ownerToken, { title: 'Still lines' })
    const emptied = await send('PATCH', created.id, ownerToken, { items: [] })

    expect(kept.json().quote.items).toHaveLength(1)
    expect(emptied.json().quote).toMatchObject({ items: [], subtotal: 0, total_amount: 0 })
  })

  it('leaves valid_until unchanged when it cannot be read as a date', async () => {
    const created = await createQuote({ valid_until: '2025-02-01' })

    const response = await send('PATCH', created.id, ownerToken, { valid_until: 'whenever' })

    expect(response.json().quote.valid_until).toBe('2025-02-01')
  })

  it.each([
    [{ title: '  ' }, { title: ['Missing data for required field.'] }],
    [{ title: null }, { title: ['Field may not be null.'] }],
    [{ status: 'archived' }, { status: ['Must be one of: draft, sent, accepted, rejected, expired.'] }],
    [{ tax_rate: 'ten' }, { tax_rate: ['Not a valid number.'] }],
    [{ tax_rate: -5 }, { tax_rate: ['Must be greater than or equal to 0.'] }],
    [{ currency_code: 'EU' }, { currency_code: ['Must be a 3-letter currency code.'] }],
    [{ items: [{ quantity: 'many' }] }, { 'items[0].quantity': ['Not a valid number.'] }],
    [{ items: 'none' }, { items: ['Not a valid list.'] }],
  ])('refuses %j and changes nothing', async (payload, errors) => {
    const created = await createQuote({ items: [{ description: 'Line', unit_price: 5 }] })

    const response = await send('PATCH', created.id, ownerToken, { description: 'Changed', ...payload })
    const after = await send('GET', created.id, ownerToken)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors,
    })
    expect(after.json().quote).toEqual(created)
  })

  it('answers a missing quote with 404 on update and delete', async () => {
    const update = await send('PATCH', 424242, ownerToken, { title: 'x' })
    const remove = await send('DELETE', 424242, ownerToken)

    for (const response of [update, remove]) {
      expect(response.statusCode).toBe(404)
      expect(response.json()).toEqual({
        success: false,
        error: 'Quote not found',
        message: 'Quote not found',
        error_code: 'not_found',
      })
    }
  })

  it.each(['user', 'viewer', 'subcontractor'])(
    'refuses a %s another user’s quote: 403 on update, 404 on delete',
    async (role) => {
      const created = await createQuote()
      const token = await tokenFor(role)

      const update = await send('PUT', created.id, token, { title: 'Hijacked' })
      const remove = await send('DELETE', created.id, token)
      const after = await send('GET', created.id, ownerToken)

      expect(update.statusCode).toBe(403)
      expect(update.json()).toEqual({
        success: false,
        error: 'Access denied',
        message: 'Access denied',
        error_code: 'forbidden',
      })
      expect(remove.statusCode).toBe(404)
      expect(remove.json().message).toBe('Quote not found')
      expect(after.json().quote).toEqual(created)
    },
  )

  it.each(['admin', 'manager'])('lets a %s update and delete another user’s quote', async (role) => {
    const created = await createQuote()
    const token = await tokenFor(role)

    const update = await send('PATCH', created.id, token, { title: 'Reviewed' })
    const remove = await send('DELETE', created.id, token)

    expect(update.statusCode).toBe(200)
    expect(update.json().quote.title).toBe('Reviewed')
    expect(remove.statusCode).toBe(200)
  })

  it('refuses an owner whose role no longer allows editing quotes', async () => {
    const created = await createQuote()
    await t.deps.users.setRole(owner.username, 'viewer')

    const update = await send('PATCH', created.id, ownerToken, { title: 'x' })
    const remove = await send('DELETE', created.id, ownerToken)

    for (const response of [update, remove]) {
      expect(response.statusCode).toBe(403)
      expect(response.json().message).toBe('Insufficient permissions')
    }
  })

  it('deletes the quote with its lines for good', async () => {
    const created = await createQuote({ items: [{ description: 'A' }, { description: 'B' }] })
    const kept = await createQuote({ items: [{ description: 'C' }] })

    const response = await send('DELETE', created.id, ownerToken)
    const after = await send('GET', created.id, ownerToken)

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ message: 'Quote deleted successfully' })
    expect(after.statusCode).toBe(404)
    const items = await t.deps.database.db.selectFrom('quoteItems').select('quoteId').execute()
    expect(items).toEqual([{ quoteId: kept.id }])
  })

  it('needs the write:quotes scope to change or delete', async () => {
    const created = await createQuote()
    const readOnly = await createToken(t.deps, owner, ['read:quotes'])

    const update = await send('PATCH', created.id, readOnly, { title: 'x' })
    const remove = await send('DELETE', created.id, readOnly)

    expect(update.statusCode).toBe(403)
    expect(remove.statusCode).toBe(403)
    expect(remove.json().required_scope).toBe('write:quotes')
  })
})
