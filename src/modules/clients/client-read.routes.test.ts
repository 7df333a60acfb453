import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const CLIENTS = '/api/v1/clients'

describe.each(dialects)('GET /api/v1/clients on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:clients'])
  })

  afterEach(async () => t?.close())

  const get = (url: string, as = token, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...bearer(as), ...headers } })

  const names = (response: { json<T>(): T }) =>
    response.json<{ clients: { name: string }[] }>().clients.map((c) => c.name)

  it('serializes a client with its project counts and its rate as a 2-decimal string', async () => {
    const client = await createClient(t.deps, user, {
      name: 'Acme',
      company: 'Acme Corporation',
      email: 'contact@acme.test',
      phone: '+1-555-0123',
      address: '1 Road',
      contactPerson: 'Wile',
      description: 'Anvils',
      defaultHourlyRateCents: 8500,
    })
    await createProject(t.deps, user, { clientId: client.id, status: 'active' })
    await createProject(t.deps, user, { clientId: client.id, status: 'inactive' })
    await createProject(t.deps, user, { clientId: client.id, status: 'archived' })

    const response = await get(`${CLIENTS}/${client.id}`)

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      client: {
        id: client.id,
        name: 'Acme',
        company: 'Acme Corporation',
        description: 'Anvils',
        contact_person: 'Wile',
        email: 'contact@acme.test',
        phone: '+1-555-0123',
        address: '1 Road',
        default_hourly_rate: '85.00',
        status: 'active',
        is_active: true,
        total_projects: 3,
        active_projects: 1,
        prepaid_hours_monthly: null,
        prepaid_reset_day: 1,
        custom_fields: {},
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
      },
    })
  })

  it('lists the visible clients of any status by name, with counts for the whole page', async () => {
    const beta = await createClient(t.deps, user, { name: 'Beta' })
    await createClient(t.deps, user, { name: 'Alpha', status: 'inactive' })
    await createProject(t.deps, user, { clientId: beta.id })

    const response = await get(CLIENTS)

    expect(response.statusCode).toBe(200)
    expect(names(response)).toEqual(['Alpha', 'Beta'])
    expect(
      response
        .json<{ clients: { total_projects: number; is_active: boolean }[] }>()
        .clients.map((c) => [c.total_projects, c.is_active]),
    ).toEqual([
      [0, false],
      [1, true],
    ])
    expect(response.json().pagination).toEqual({
      page: 1,
      per_page: 50,
      total: 2,
      pages: 1,
      has_next: false,
      has_prev: false,
      next_page: null,
      prev_page: null,
    })
  })

  it('pages with per_page and ignores camelCase perPage', async () => {
    for (const letter of ['A', 'B', 'C']) await createClient(t.deps, user, { name: letter })

    const response = await get(`${CLIENTS}?page=2&per_page=2&perPage=100`)

    expect(names(response)).toEqual(['C'])
    expect(response.json().pagination).toMatchObject({
      page: 2,
      per_page: 2,
      total: 3,
      pages: 2,
      has_prev: true,
      prev_page: 1,
    })
  })

  it('shows a user the clients they created and the clients of their visible projects', async () => {
    const other = await createUser(t.deps)
    await createClient(t.deps, user, { name: 'Own' })
    const viaProject = await createClient(t.deps, other, { name: 'Via project' })
    const shared = await createProject(t.deps, other, { clientId: viaProject.id })
    await t.deps.database.db
      .insertInto('projectMembers')
      .values({ projectId: shared.id, userId: user.id })
      .execute()
    await createClient(t.deps, other, { name: 'Foreign' })
    await createClient(t.deps, null, { name: 'Legacy' })

    const response = await get(CLIENTS)

    expect(names(response)).toEqual(['Own', 'Via project'])
  })

  it('shows a subcontractor only their assigned clients', async () => {
    const subcontractor = await createUser(t.deps, { role: 'subcontractor' })
    const assigned = await createClient(t.deps, user, { name: 'Assigned' })
    await t.deps.database.db
      .insertInto('userClients')
      .values({ userId: subcontractor.id, clientId: assigned.id })
      .execute()
    await createClient(t.deps, subcontractor, { name: 'Created but not assigned' })

    const response = await get(CLIENTS, await createToken(t.deps, subcontractor, ['read:clients']))

    expect(names(response)).toEqual(['Assigned'])
  })

  it.each(['admin', 'manager'])('shows a %s every client, legacy ones included', async (role) => {
    await createClient(t.deps, user, { name: 'Own' })
    await createClient(t.deps, null, { name: 'Legacy' })
    const reader = await createUser(t.deps, { role })

    const response = await get(CLIENTS, await createToken(t.deps, reader, ['read:clients']))

    expect(names(response)).toEqual(['Legacy', 'Own'])
  })

  it('answers 404 for a missing client and 403 for a hidden one', async () => {
    const hidden = await createClient(t.deps, await createUser(t.deps))

    const missing = await get(`${CLIENTS}/999999`)
    const forbidden = await get(`${CLIENTS}/${hidden.id}`)

    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({
      success: false,
      error: 'Client not found',
      message: 'Client not found',
      error_code: 'not_found',
    })
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json()).toEqual({
      success: false,
      error: 'You do not have access to this client',
      message: 'You do not have access to this client',
      error_code: 'forbidden',
    })
  })

  it('writes datetimes in UTC when the client prefers it', async () => {
    const client = await createClient(t.deps, user)

    const response = await get(`${CLIENTS}/${client.id}`, token, { prefer: 'datetime=utc' })

    expect(response.json().client.created_at).toBe('2025-01-15T10:00:00Z')
  })

  it('requires the read:clients scope', async () => {
    const response = await get(CLIENTS, await createToken(t.deps, user, ['read:projects']))

    expect(response.statusCode).toBe(403)
    expect(response.json().required_scope).toBe('read:clients')
  })
})
