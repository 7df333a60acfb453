import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'
import type { Client } from './client.types.js'

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

describe.each(dialects)('PUT, PATCH and DELETE /api/v1/clients/{id} on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string
  let client: Client

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:clients', 'write:clients'])
    client = await createClient(t.deps, user, {
      name: 'Acme',
      email: 'old@acme.test',
      defaultHourlyRateCents: 5000,
    })
  })

  afterEach(async () => t?.close())

  const change = (payload: unknown, options: { id?: number; as?: string; method?: 'PUT' | 'PATCH' } = {}) =>
    t.app.inject({
      method: options.method ?? 'PATCH',
      url: `${CLIENTS}/${options.id ?? client.id}`,
      headers: bearer(options.as ?? token),
      payload: payload as Record<string, unknown>,
    })

  const remove = (id: number, as = token) =>
    t.app.inject({ method: 'DELETE', url: `${CLIENTS}/${id}`, headers: bearer(as) })

  const stored = (id = client.id) =>
    t.deps.database.db.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it.each(['PUT', 'PATCH'] as const)('%s changes only the keys sent', async (method) => {
    t.clock.advanceSeconds(60)

    const response = await change({ phone: ' 555 ', status: 'inactive', default_hourly_rate: 0 }, { method })

    expect(response.statusCode).toBe(200)
    expect(response.json().message).toBe('Client updated successfully')
    expect(response.json().client).toMatchObject({
      name: 'Acme',
      email: 'old@acme.test',
      phone: '555',
      status: 'inactive',
      is_active: false,
      default_hourly_rate: null,
      updated_at: '2025-01-15T10:01:00',
    })
  })

  it('keeps its own name but refuses another client’s', async () => {
    await createClient(t.deps, user, { name: 'Globex' })

    const own = await change({ name: 'Acme' })
    const taken = await change({ name: ' Globex ' })

    expect(own.statusCode).toBe(200)
    expect(taken.statusCode).toBe(400)
    expect(taken.json()).toEqual(DUPLICATE)
    expect((await stored()).name).toBe('Acme')
  })

  it.each([
    ['a blank name', { name: ' ' }, NAME_REQUIRED],
    ['a null name', { name: null }, NAME_REQUIRED],
    [
      'an unknown status',
      { status: 'archived' },
      {
        success: false,
        error: 'Validation failed',
        message: 'Validation failed',
        error_code: 'validation_error',
        errors: { status: ['Must be one of: active, inactive.'] },
      },
    ],
  ])('refuses %s and writes nothing', async (_case, body, expected) => {
    const response = await change(body)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual(expected)
    expect(await stored()).toMatchObject({ name: 'Acme', status: 'active' })
  })

  it('answers 404 for a missing client and 403 for a hidden one', async () => {
    const hidden = await createClient(t.deps, await createUser(t.deps))

    const missing = await change({ name: 'X' }, { id: 999999 })
    const forbidden = await change({ name: 'X' }, { id: hidden.id })

    expect(missing.statusCode).toBe(404)
    expect(missing.json().message).toBe('Client not found')
    expect(forbidden.statusCode).toBe(403)
    expect(forbidden.json().message).toBe('You do not have access to this client')
  })

  it('lets a user see but not edit a client they only reach through a project', async () => {
    const other = await createUser(t.deps)
    const reached = await createClient(t.deps, other, { name: 'Reached' })
    await createProject(t.deps, user, { clientId: reached.id })

    const response = await change({ name: 'Renamed' }, { id: reached.id })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(INSUFFICIENT)
  })

  it('refuses a viewer even on a client of their own', async () => {
    const viewer = await createUser(t.deps, { role: 'viewer' })
    const own = await createClient(t.deps, viewer)

    const response = await change(
      { name: 'Renamed' },
      { id: own.id, as: await createToken(t.deps, viewer, ['write:clients']) },
    )

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual(INSUFFICIENT)
  })

  it('lets a manager edit and archive anyone’s client', async () => {
    const manager = await createUser(t.deps, { role: 'manager' })
    const managerToken = await createToken(t.deps, manager, ['write:clients'])

    const edited = await change({ company: 'Acme Inc' }, { as: managerToken })
    const archived = await remove(client.id, managerToken)

    expect(edited.statusCode).toBe(200)
    expect(archived.statusCode).toBe(200)
    expect((await stored()).status).toBe('inactive')
  })

  it('archives on DELETE: the client becomes inactive and nothing is deleted', async () => {
    const admin = await createUser(t.deps, { role: 'admin' })
    t.clock.advanceSeconds(30)

    const response = await remove(client.id, await createToken(t.deps, admin, ['write:clients']))

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ message: 'Client archived successfully' })
    expect(await stored()).toMatchObject({ name: 'Acme', status: 'inactive' })
  })

  it('refuses DELETE to a user, who has no delete permission, and answers 404 and 403 like the other routes', async () => {
    const hidden = await createClient(t.deps, await createUser(t.deps))

    const own = await remove(client.id)
    const missing = await remove(999999)
    const foreign = await remove(hidden.id)

    expect(own.statusCode).toBe(403)
    expect(own.json()).toEqual(INSUFFICIENT)
    expect(missing.statusCode).toBe(404)
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().message).toBe('You do not have access to this client')
    expect((await stored()).status).toBe('active')
  })
})
