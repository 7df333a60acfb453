import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import { EVENT_CATALOGUE } from '../events/event.types.js'
import type { User } from '../users/user.types.js'

const WEBHOOKS = '/api/v1/webhooks'
const VALID = { name: 'Hook', url: 'https://hooks.example.com/tt', events: ['project.created'] }
const ACCESS_DENIED = {
  success: false,
  error: 'Access denied',
  message: 'Access denied',
  error_code: 'forbidden',
}
const webhookIds = (response: { json: <T>() => T }) =>
  response.json<{ webhooks: { id: number }[] }>().webhooks.map((webhook) => webhook.id)
const badRequest = (text: string) => ({
  success: false,
  error: text,
  message: text,
  error_code: 'bad_request',
})

describe.each(dialects)('managing webhooks on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string
  let otherToken: string
  let adminToken: string

  beforeAll(async () => {
    t = await buildTestApp({ dialect: name })
  })

  beforeEach(async () => {
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner, ['read:webhooks', 'write:webhooks'])
    otherToken = await createToken(t.deps, await createUser(t.deps), ['read:webhooks', 'write:webhooks'])
    adminToken = await createToken(t.deps, await createUser(t.deps, { role: 'admin' }), ['admin:all'])
  })

  afterAll(async () => t?.close())

  const request = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    as: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: bearer(as),
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    })

  async function create(body: object = {}, as = ownerToken): Promise<{ id: number; secret: string | null }> {
    const response = await request('POST', WEBHOOKS, as, { ...VALID, ...body })
    expect(response.statusCode).toBe(201)
    return response.json<{ webhook: { id: number; secret: string | null } }>().webhook
  }

  it('lists the caller’s own webhooks newest first, filtered by is_active and paginated', async () => {
    const first = await create({ name: 'A' })
    t.clock.advanceSeconds(1)
    const second = await create({ name: 'B', is_active: false })
    t.clock.advanceSeconds(1)
    const third = await create({ name: 'C' })
    await create({ name: 'Other' }, otherToken)

    const all = await request('GET', WEBHOOKS, ownerToken)
    const active = await request('GET', `${WEBHOOKS}?is_active=TRUE`, ownerToken)
    const inactive = await request('GET', `${WEBHOOKS}?is_active=nope`, ownerToken)
    const paged = await request('GET', `${WEBHOOKS}?per_page=2&page=2`, ownerToken)

    expect(webhookIds(all)).toEqual([third.id, second.id, first.id])
    expect(all.json().webhooks[0]).not.toHaveProperty('secret')
    expect(webhookIds(active)).toEqual([third.id, first.id])
    expect(webhookIds(inactive)).toEqual([second.id])
    expect(paged.json()).toEqual({
      webhooks: [expect.objectContaining({ id: first.id })],
      pagination: {
        page: 2,
        per_page: 2,
        total: 3,
        pages: 2,
        has_next: false,
        has_prev: true,
        next_page: null,
        prev_page: 1,
      },
    })
  })

  it('lets an administrator see and manage everyone’s webhooks', async () => {
    const webhook = await create()

    const list = await request('GET', `${WEBHOOKS}?per_page=100`, adminToken)
    const got = await request('GET', `${WEBHOOKS}/${webhook.id}`, adminToken)
    const updated = await request('PATCH', `${WEBHOOKS}/${webhook.id}`, adminToken, { name: 'Renamed' })

    expect(webhookIds(list)).toContain(webhook.id)
    expect(got.statusCode).toBe(200)
    expect(updated.json().webhook).toMatchObject({ name: 'Renamed', user_id: owner.id })
  })

  it('answers 403 Access denied for someone else’s webhook on every single-webhook route, and 404 for an unknown one', async () => {
    const webhook = await create()
    const calls = [
      ['GET', `${WEBHOOKS}/${webhook.id}`],
      ['PUT', `${WEBHOOKS}/${webhook.id}`],
      ['PATCH', `${WEBHOOKS}/${webhook.id}`],
      ['DELETE', `${WEBHOOKS}/${webhook.id}`],
      ['GET', `${WEBHOOKS}/${webhook.id}/deliveries`],
      ['POST', `${WEBHOOKS}/${webhook.id}/test`],
    ] as const

    for (const [method, url] of calls) {
      const denied = await request(
        method,
        url,
        otherToken,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      )
      const missing = await request(
        method,
        url.replace(String(webhook.id), '999999'),
        ownerToken,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      )
      expect(denied.statusCode, `${method} ${url}`).toBe(403)
      expect(denied.json()).toEqual(ACCESS_DENIED)
      expect(missing.statusCode, `${method} ${url}`).toBe(404)
      expect(missing.json()).toMatchObject({ error_code: 'not_found', message: 'Webhook not found' })
    }
  })

  it('gets a webhook without its secret, and answers 404 for a non-integer id', async () => {
    const webhook = await create()

    const got = await request('GET', `${WEBHOOKS}/${webhook.id}`, ownerToken)
    const bad = await request('GET', `${WEBHOOKS}/abc`, ownerToken)

    expect(got.json().webhook).toMatchObject({ id: webhook.id, name: 'Hook' })
    expect(got.json().webhook).not.toHaveProperty('secret')
    expect(bad.statusCode).toBe(404)
  })

  it('updates only the keys sent, with PUT and PATCH alike, allowing an empty events list', async () => {
    const webhook = await create({ description: 'keep', headers: { 'X-A': 'b' } })
    t.clock.advanceSeconds(5)

    const put = await request('PUT', `${WEBHOOKS}/${webhook.id}`, ownerToken, { events: [], max_retries: 10 })
    const patch = await request('PATCH', `${WEBHOOKS}/${webhook.id}`, ownerToken, {
      http_method: 'PUT',
      headers: null,
    })

    expect(put.statusCode).toBe(200)
    expect(put.json().message).toBe('Webhook updated successfully')
    expect(put.json().webhook).not.toHaveProperty('secret')
    expect(put.json().webhook).toMatchObject({
      events: [],
      max_retries: 10,
      description: 'keep',
      name: 'Hook',
    })
    expect(patch.json().webhook).toMatchObject({
      http_method: 'PUT',
      headers: {},
      events: [],
      max_retries: 10,
    })
    expect(patch.json().webhook.updated_at).not.toBe(patch.json().webhook.created_at)
  })

  it('regenerates the secret when generate_secret is truthy and shows the new one in that answer only', async () => {
    const webhook = await create()

    const response = await request('PATCH', `${WEBHOOKS}/${webhook.id}`, ownerToken, {
      generate_secret: true,
    })
    const unchanged = await request('PATCH', `${WEBHOOKS}/${webhook.id}`, ownerToken, {
      generate_secret: false,
    })

    const secret = response.json().webhook.secret as string
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(secret).not.toBe(webhook.secret)
    expect(unchanged.json().webhook).not.toHaveProperty('secret')
    const stored = await t.deps.webhooks.get(owner, webhook.id)
    expect(t.deps.secretEncryption.decrypt(stored.encryptedSecret!)).toBe(secret)
  })

  it.each([
    [{ name: '' }, badRequest('name is required')],
    [{ url: null }, badRequest('url is required')],
    [{ events: 'project.created' }, badRequest('events must be a list')],
    [{ events: ['nope'] }, badRequest('Invalid event type: nope')],
    [
      { url: 'nowhere' },
      {
        success: false,
        error: 'Invalid URL format',
        message: 'Invalid URL format',
        error_code: 'validation_error',
        errors: { url: ['Invalid URL format.'] },
      },
    ],
    [
      { url: 'gopher://x.example' },
      {
        success: false,
        error: 'Invalid URL format',
        message: 'Invalid URL format',
        error_code: 'validation_error',
        errors: { url: ['URL must use http or https.'] },
      },
    ],
    [{ http_method: 'DELETE' }, badRequest('http_method must be POST, PUT, or PATCH')],
    [{ headers: { a: null } }, badRequest('headers must be an object of string values')],
    [{ max_retries: 20 }, badRequest('max_retries must be an integer between 0 and 10')],
    [{ retry_delay_seconds: 'x' }, badRequest('retry_delay_seconds must be an integer between 1 and 86400')],
    [{ timeout_seconds: 1000 }, badRequest('timeout_seconds must be an integer between 1 and 300')],
    [{ is_active: null }, badRequest('is_active is invalid')],
    [{ content_type: 'x'.repeat(51) }, badRequest('content_type is invalid')],
    [
      { url: 'http://192.168.0.10/hook' },
      expect.objectContaining({
        error_code: 'validation_error',
        errors: { url: [expect.stringContaining('private')] },
      }),
    ],
  ])('refuses the update %j', async (payload, expected) => {
    const webhook = await create()

    const response = await request('PATCH', `${WEBHOOKS}/${webhook.id}`, ownerToken, payload)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(expected)
  })

  it('deletes a webhook with all its deliveries', async () => {
    const webhook = await create({ events: ['*'] })
    await t.deps.units.run(async () =>
      t.deps.events.raise({
        type: 'client.created',
        actor: { id: owner.id, username: owner.username, fullName: null },
        subject: { type: 'client', id: 1, name: 'C' },
        description: 'Created client "C"',
        data: {},
        audience: { ownerId: null, projectId: null, clientId: 1 },
      }),
    )
    const countDeliveries = async () =>
      (
        await t.deps.database.db
          .selectFrom('webhookDeliveries')
          .select('id')
          .where('webhookId', '=', webhook.id)
          .execute()
      ).length
    expect(await countDeliveries()).toBe(1)

    const response = await request('DELETE', `${WEBHOOKS}/${webhook.id}`, ownerToken)
    const after = await request('GET', `${WEBHOOKS}/${webhook.id}`, ownerToken)

    expect(response.json()).toEqual({ message: 'Webhook deleted successfully' })
    expect(after.statusCode).toBe(404)
    expect(await countDeliveries()).toBe(0)
  })

  it('lists the 31 catalogue events in order, without "*"', async () => {
    const response = await request('GET', `${WEBHOOKS}/events`, ownerToken)

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ events: [...EVENT_CATALOGUE] })
    expect(response.json().events).toHaveLength(31)
  })

  it('refuses to test an inactive webhook', async () => {
    const webhook = await create({ is_active: false })

    const response = await request('POST', `${WEBHOOKS}/${webhook.id}/test`, ownerToken)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(badRequest('Webhook is not active'))
  })
})
