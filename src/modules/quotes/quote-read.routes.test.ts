import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const QUOTES = '/api/v1/quotes'

describe.each(dialects)('GET /api/v1/quotes on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner)
  })

  afterEach(async () => t?.close())

  async function createQuote(token: string, fields: Record<string, unknown> = {}) {
    const client = await createClient(t.deps, owner)
    const response = await t.app.inject({
      method: 'POST',
      url: QUOTES,
      headers: bearer(token),
      payload: { client_id: client.id, title: 'T', ...fields },
    })
    expect(response.statusCode).toBe(201)
    return response.json().quote as { id: number; client_id: number; quote_number: string }
  }

  const get = (url: string, token: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } })

  async function tokenFor(role: string) {
    return createToken(t.deps, await createUser(t.deps, { role }), ['read:quotes', 'write:quotes'])
  }

  it('returns one quote with its lines in position order', async () => {
    const created = await createQuote(ownerToken, {
      items: [
        { description: 'first', unit_price: 1 },
        { description: 'second', unit_price: 2 },
      ],
    })

    const response = await get(`${QUOTES}/${created.id}`, ownerToken)

    expect(response.statusCode).toBe(200)
    expect(response.json().quote).toMatchObject({ id: created.id, subtotal: 3, total_amount: 3 })
    expect(
      (response.json().quote.items as { description: string }[]).map((item) => item.description),
    ).toEqual(['first', 'second'])
  })

  it('writes datetimes in UTC when the client prefers it', async () => {
    const created = await createQuote(ownerToken, { items: [{ description: 'x' }] })

    const response = await get(`${QUOTES}/${created.id}`, ownerToken, { prefer: 'datetime=utc' })

    expect(response.json().quote.created_at).toBe('2025-01-15T10:00:00Z')
    expect(response.json().quote.items[0].created_at).toBe('2025-01-15T10:00:00Z')
  })

  it('answers a missing quote and a non-integer id with 404', async () => {
    const missing = await get(`${QUOTES}/424242`, ownerToken)
    const notAnId = await get(`${QUOTES}/abc`, ownerToken)

    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({
      success: false,
      error: 'Quote not found',
      message: 'Quote not found',
      error_code: 'not_found',
    })
    expect(notAnId.statusCode).toBe(404)
    expect(notAnId.json().message).toBe('Resource not found')
  })

  it.each(['user', 'viewer', 'subcontractor'])(
    'answers a %s asking for another user’s quote as if it were missing',
    async (role) => {
      const created = await createQuote(ownerToken)

      const response = await get(`${QUOTES}/${created.id}`, await tokenFor(role))

      expect(response.statusCode).toBe(404)
      expect(response.json().message).toBe('Quote not found')
    },
  )

  it.each(['admin', 'manager'])('shows a %s every quote', async (role) => {
    const created = await createQuote(ownerToken)
    const token = await tokenFor(role)

    const one = await get(`${QUOTES}/${created.id}`, token)
    const list = await get(QUOTES, token)

    expect(one.statusCode).toBe(200)
    expect((list.json().quotes as { id: number }[]).map((quote) => quote.id)).toEqual([created.id])
  })

  it('lists only the caller’s own quotes, newest first, then by id', async () => {
    const other = await createToken(t.deps, await createUser(t.deps))
    const older = await createQuote(ownerToken)
    t.clock.advanceSeconds(60)
    const sameSecondA = await createQuote(ownerToken)
    const sameSecondB = await createQuote(ownerToken)
    await createQuote(other)

    const response = await get(QUOTES, ownerToken)

    expect(response.statusCode).toBe(200)
    expect((response.json().quotes as { id: number }[]).map((quote) => quote.id)).toEqual([
      sameSecondB.id,
      sameSecondA.id,
      older.id,
    ])
    expect(response.json().pagination).toEqual({
      page: 1,
      per_page: 50,
      total: 3,
      pages: 1,
      has_next: false,
      has_prev: false,
      next_page: null,
      prev_page: null,
    })
  })

  it('filters by exact status and by client_id; "all" and unreadable values filter nothing', async () => {
    const draft = await createQuote(ownerToken)
    const sent = await createQuote(ownerToken)
    await t.app.inject({
      method: 'PATCH',
      url: `${QUOTES}/${sent.id}`,
      headers: bearer(ownerToken),
      payload: { status: 'sent' },
    })
    const ids = async (query: string) =>
      ((await get(`${QUOTES}${query}`, ownerToken)).json().quotes as { id: number }[]).map(
        (quote) => quote.id,
      )

    expect(await ids('?status=sent')).toEqual([sent.id])
    expect(await ids('?status=SENT')).toEqual([])
    expect(await ids('?status=all')).toEqual([sent.id, draft.id])
    expect(await ids(`?client_id=${draft.client_id}`)).toEqual([draft.id])
    expect(await ids('?client_id=abc')).toEqual([sent.id, draft.id])
    expect(await ids('?client_id=99999999999')).toEqual([])
  })

  it('pages the list with the shared pagination rules', async () => {
    for (let i = 0; i < 3; i += 1) await createQuote(ownerToken)

    const second = await get(`${QUOTES}?page=2&per_page=2`, ownerToken)
    const beyond = await get(`${QUOTES}?page=5&per_page=2`, ownerToken)

    expect(second.json().quotes).toHaveLength(1)
    expect(second.json().pagination).toMatchObject({
      page: 2,
      per_page: 2,
      total: 3,
      pages: 2,
      has_next: false,
      prev_page: 1,
    })
    expect(beyond.json().quotes).toEqual([])
    expect(beyond.json().pagination).toMatchObject({ page: 5, total: 3, has_prev: true, prev_page: 4 })
  })

  it('computes is_expired and can_be_accepted from today in the app timezone', async () => {
    await t.close()
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Pacific/Auckland' } })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner)
    const created = await createQuote(ownerToken, { valid_until: '2025-01-15' })
    await t.app.inject({
      method: 'PATCH',
      url: `${QUOTES}/${created.id}`,
      headers: bearer(ownerToken),
      payload: { status: 'sent' },
    })
    const flags = async () => {
      const quote = (await get(`${QUOTES}/${created.id}`, ownerToken)).json().quote
      return { is_sent: quote.is_sent, is_expired: quote.is_expired, can_be_accepted: quote.can_be_accepted }
    }

    t.clock.set('2025-01-15T10:59:59Z') // 23:59:59 on the 15th in Auckland
    const onTheDay = await flags()
    t.clock.set('2025-01-15T11:00:00Z') // already the 16th there, still the 15th in UTC
    const dayAfter = await flags()

    expect(onTheDay).toEqual({ is_sent: true, is_expired: false, can_be_accepted: true })
    expect(dayAfter).toEqual({ is_sent: true, is_expired: true, can_be_accepted: false })
  })

  it('needs the read:quotes scope', async () => {
    const token = await createToken(t.deps, owner, ['read:projects'])

    const response = await get(QUOTES, token)

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'read:quotes' })
  })
})
