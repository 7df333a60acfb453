import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const QUOTES = '/api/v1/quotes'

describe.each(dialects)('quote numbers on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function setUp(env: Record<string, string> = {}) {
    t = await buildTestApp({ dialect: name, env: { API_TOKEN_RATE_LIMIT_PER_MINUTE: '1000', ...env } })
    const user = await createUser(t.deps)
    const token = await createToken(t.deps, user)
    const client = await createClient(t.deps, user)
    const create = async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: QUOTES,
        headers: bearer(token),
        payload: { client_id: client.id, title: 'T' },
      })
      expect(response.statusCode).toBe(201)
      return response.json().quote as { id: number; quote_number: string }
    }
    const remove = (id: number) =>
      t.app.inject({ method: 'DELETE', url: `${QUOTES}/${id}`, headers: bearer(token) })
    return { create, remove, client, user }
  }

  it('numbers the quotes of a day from 001 and starts again the next day', async () => {
    const { create } = await setUp()

    const first = await create()
    const second = await create()
    t.clock.set('2025-01-16T00:00:00Z')
    const nextDay = await create()

    expect([first.quote_number, second.quote_number, nextDay.quote_number]).toEqual([
      'QUO-20250115-001',
      'QUO-20250115-002',
      'QUO-20250116-001',
    ])
  })

  it('dates the number in the app timezone', async () => {
    const { create } = await setUp({ APP_TIMEZONE: 'Pacific/Auckland' })
    t.clock.set('2025-01-15T12:00:00Z') // 01:00 on the 16th in Auckland

    const quote = await create()

    expect(quote.quote_number).toBe('QUO-20250116-001')
  })

  it('continues after the highest sequence used that day, reusing a deleted top number', async () => {
    const { create, remove } = await setUp()
    const first = await create()
    const second = await create()
    const third = await create()

    await remove(second.id)
    const afterGap = await create()
    await remove(afterGap.id)
    await remove(third.id)
    const afterTopDeleted = await create()

    expect(first.quote_number).toBe('QUO-20250115-001')
    expect(afterGap.quote_number).toBe('QUO-20250115-004')
    expect(afterTopDeleted.quote_number).toBe('QUO-20250115-002')
  })

  it('compares sequences as numbers past 999', async () => {
    const { create, client, user } = await setUp()
    const now = t.clock.now()
    await t.deps.database.db
      .insertInto('quotes')
      .values(
        ['QUO-20250115-999', 'QUO-20250115-1000'].map((quoteNumber) => ({
          quoteNumber,
          clientId: client.id,
          title: 'Imported',
          createdBy: user.id,
          visibleToClient: false,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute()

    const quote = await create()

    expect(quote.quote_number).toBe('QUO-20250115-1001')
  })

  it('gives 20 simultaneous creates 20 distinct numbers', async () => {
    const { create } = await setUp()

    const quotes = await Promise.all(Array.from({ length: 20 }, () => create()))

    const numbers = quotes.map((quote) => quote.quote_number).sort()
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `QUO-20250115-${String(i + 1).padStart(3, '0')}`),
    )
  })
})
