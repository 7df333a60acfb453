import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const WEBHOOKS = '/api/v1/webhooks'
const VALID = { name: 'Hook', url: 'https://hooks.example.com/tt', events: ['project.created'] }

const badRequest = (text: string) => ({
  success: false,
  error: text,
  message: text,
  error_code: 'bad_request',
})
const urlError = (message: string, field: string) => ({
  success: false,
  error: message,
  message,
  error_code: 'validation_error',
  errors: { url: [field] },
})

describe.each(dialects)('POST /api/v1/webhooks on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string

  // Validation needs no isolation: one app per dialect, a user of its own per test.
  beforeAll(async () => {
    t = await buildTestApp({ dialect: name })
  })

  beforeEach(async () => {
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:webhooks', 'write:webhooks'])
  })

  afterAll(async () => t?.close())

  const post = (payload: unknown, as = token) =>
    t.app.inject({
      method: 'POST',
      url: WEBHOOKS,
      headers: bearer(as),
      payload: payload as Record<string, unknown>,
    })

  it('creates an active webhook with the defaults, owned by the caller, and shows its secret once', async () => {
    const response = await post({ ...VALID, secret: 'ignored', unknown: 1 })

    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body.message).toBe('Webhook created successfully')
    expect(Object.keys(body.webhook)).toEqual([
      'id',
      'name',
      'description',
      'url',
      'events',
      'http_method',
      'content_type',
      'headers',
      'is_active',
      'user_id',
      'max_retries',
      'retry_delay_seconds',
      'timeout_seconds',
      'total_deliveries',
      'successful_deliveries',
      'failed_deliveries',
      'last_delivery_at',
      'last_success_at',
      'last_failure_at',
      'created_at',
      'updated_at',
      'secret',
    ])
    expect(body.webhook).toMatchObject({
      name: 'Hook',
      description: null,
      url: 'https://hooks.example.com/tt',
      events: ['project.created'],
      http_method: 'POST',
      content_type: 'application/json',
      headers: {},
      is_active: true,
      user_id: user.id,
      max_retries: 3,
      retry_delay_seconds: 60,
      timeout_seconds: 30,
      total_deliveries: 0,
      successful_deliveries: 0,
      failed_deliveries: 0,
      last_delivery_at: null,
      created_at: '2025-01-15T10:00:00',
    })
    expect(body.webhook.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.webhook.secret).not.toBe('ignored')
    const stored = await t.deps.database.db
      .selectFrom('webhooks')
      .select('secret')
      .where('id', '=', body.webhook.id)
      .executeTakeFirstOrThrow()
    expect(stored.secret).toMatch(/^enc:v1:/)
    expect(stored.secret).not.toContain(body.webhook.secret)
    expect(t.deps.secretEncryption.decrypt(stored.secret!)).toBe(body.webhook.secret)
  })

  it('takes every optional field, and creates an unsigned webhook when generate_secret is false', async () => {
    const response = await post({
      ...VALID,
      events: ['*', 'time_entry.stopped'],
      description: 'Sync',
      http_method: 'PATCH',
      content_type: 'application/vnd.tt+json',
      headers: { 'X-Token': 'abc' },
      is_active: false,
      max_retries: 0,
      retry_delay_seconds: 86400,
      timeout_seconds: 300,
      generate_secret: false,
    })

    expect(response.statusCode).toBe(201)
    expect(response.json().webhook).toMatchObject({
      events: ['*', 'time_entry.stopped'],
      description: 'Sync',
      http_method: 'PATCH',
      content_type: 'application/vnd.tt+json',
      headers: { 'X-Token': 'abc' },
      is_active: false,
      max_retries: 0,
      retry_delay_seconds: 86400,
      timeout_seconds: 300,
      secret: null,
    })
  })

  it.each([
    [{ ...VALID, name: undefined }, badRequest('name is required')],
    [{ ...VALID, name: '' }, badRequest('name is required')],
    [{ ...VALID, name: null, url: null }, badRequest('name is required')],
    [{ ...VALID, url: '' }, badRequest('url is required')],
    [{ ...VALID, url: undefined, events: [] }, badRequest('url is required')],
    [{ ...VALID, events: undefined }, badRequest('events must be a non-empty list')],
    [{ ...VALID, events: [] }, badRequest('events must be a non-empty list')],
    [{ ...VALID, events: 'project.created' }, badRequest('events must be a non-empty list')],
    [
      { ...VALID, url: 'hooks.example.com/tt', events: ['nope'] },
      urlError('Invalid URL format', 'Invalid URL format.'),
    ],
    [{ ...VALID, url: 'http:/missing-host' }, urlError('Invalid URL format', 'Invalid URL format.')],
    [{ ...VALID, url: 42 }, urlError('Invalid URL format', 'Invalid URL format.')],
    [
      { ...VALID, url: 'ftp://files.example.com', events: ['nope'] },
      urlError('Invalid URL format', 'URL must use http or https.'),
    ],
    [{ ...VALID, events: ['project.created', 'project.*'] }, badRequest('Invalid event type: project.*')],
    [{ ...VALID, events: ['Project.Created'] }, badRequest('Invalid event type: Project.Created')],
    [{ ...VALID, events: ['webhook.test'] }, badRequest('Invalid event type: webhook.test')],
    [{ ...VALID, events: [5], http_method: 'GET' }, badRequest('Invalid event type: 5')],
    [{ ...VALID, http_method: 'post', headers: 'x' }, badRequest('http_method must be POST, PUT, or PATCH')],
    [{ ...VALID, http_method: null }, badRequest('http_method must be POST, PUT, or PATCH')],
    [{ ...VALID, headers: 'x', max_retries: 11 }, badRequest('headers must be an object of string values')],
    [{ ...VALID, headers: { 'X-A': 1 } }, badRequest('headers must be an object of string values')],
    [{ ...VALID, headers: ['a'] }, badRequest('headers must be an object of string values')],
    [{ ...VALID, headers: { 'Bad Name': 'x' } }, badRequest('headers must be an object of string values')],
    [
      { ...VALID, headers: { 'X-A': 'line\r\nInjected: 1' } },
      badRequest('headers must be an object of string values'),
    ],
    [
      { ...VALID, max_retries: 11, retry_delay_seconds: 0 },
      badRequest('max_retries must be an integer between 0 and 10'),
    ],
    [{ ...VALID, max_retries: -1 }, badRequest('max_retries must be an integer between 0 and 10')],
    [{ ...VALID, max_retries: '3' }, badRequest('max_retries must be an integer between 0 and 10')],
    [{ ...VALID, max_retries: 2.5 }, badRequest('max_retries must be an integer between 0 and 10')],
    [{ ...VALID, max_retries: true }, badRequest('max_retries must be an integer between 0 and 10')],
    [
      { ...VALID, retry_delay_seconds: 0, timeout_seconds: 0 },
      badRequest('retry_delay_seconds must be an integer between 1 and 86400'),
    ],
    [
      { ...VALID, retry_delay_seconds: 86401 },
      badRequest('retry_delay_seconds must be an integer between 1 and 86400'),
    ],
    [
      { ...VALID, timeout_seconds: 0, is_active: 'yes' },
      badRequest('timeout_seconds must be an integer between 1 and 300'),
    ],
    [{ ...VALID, timeout_seconds: 301 }, badRequest('timeout_seconds must be an integer between 1 and 300')],
    [{ ...VALID, is_active: 'yes', generate_secret: 1 }, badRequest('is_active is invalid')],
    [{ ...VALID, generate_secret: 1, name: 'x'.repeat(201) }, badRequest('generate_secret is invalid')],
    [{ ...VALID, name: 'x'.repeat(201), content_type: 'x'.repeat(51) }, badRequest('name is invalid')],
    [{ ...VALID, name: 5 }, badRequest('name is invalid')],
    [
      { ...VALID, content_type: 'x'.repeat(51), url: `https://e.com/${'x'.repeat(490)}` },
      badRequest('content_type is invalid'),
    ],
    [{ ...VALID, url: `https://e.com/${'x'.repeat(490)}` }, badRequest('url is invalid')],
    [{ ...VALID, description: 5 }, badRequest('description is invalid')],
  ])('refuses %j', async (payload, expected) => {
    const response = await post(payload)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(expected)
  })

  it('accepts the longest name and URL, and an upper-case scheme', async () => {
    const response = await post({ ...VALID, name: 'é'.repeat(200), url: `HTTPS://e.com/${'x'.repeat(486)}` })

    expect(response.statusCode).toBe(201)
  })

  it('refuses a literal internal address unless WEBHOOK_ALLOW_PRIVATE_TARGETS is set', async () => {
    const blocked = urlError(
      'URL destination not allowed',
      'URL must not point to a loopback, private, link-local, unspecified or multicast address.',
    )
    for (const url of [
      'http://127.0.0.1:9000/x',
      'http://10.1.2.3/',
      'http://169.254.169.254/latest',
      'http://[::1]/',
      'http://0x7f.1/',
    ]) {
      const response = await post({ ...VALID, url })
      expect(response.json(), url).toEqual(blocked)
    }
    const allowing = await buildTestApp({ dialect: name, env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } })
    const other = await createToken(allowing.deps, await createUser(allowing.deps))
    const response = await allowing.app.inject({
      method: 'POST',
      url: WEBHOOKS,
      headers: bearer(other),
      payload: { ...VALID, url: 'http://127.0.0.1:9000/x' },
    })
    await allowing.close()
    expect(response.statusCode).toBe(201)
  })

  it('needs write:webhooks, which read:webhooks does not give, and accepts write:* and admin:all', async () => {
    const reader = await createToken(t.deps, user, ['read:webhooks'])
    const writer = await createToken(t.deps, user, ['write:*'])

    const refused = await post(VALID, reader)
    const accepted = await post(VALID, writer)

    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:webhooks' })
    expect(accepted.statusCode).toBe(201)
  })

  it('lets tokens be created with the webhook scopes', async () => {
    const plain = await createToken(t.deps, user, ['read:webhooks', 'write:webhooks'])

    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/webhooks/events',
      headers: bearer(plain),
    })

    expect(response.statusCode).toBe(200)
  })
})
