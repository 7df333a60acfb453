import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bearer,
  createClient,
  createProject,
  createToken,
  createUser,
  disableModules,
} from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { Client } from '../clients/client.types.js'
import type { User } from '../users/user.types.js'
import type { ContactInput } from './contact.types.js'

const NO_ACCESS = {
  success: false,
  error: 'Access denied',
  message: 'You do not have access to this client',
  error_code: 'forbidden',
}

describe.each(dialects)('client contacts on $name', ({ name }) => {
  let t: TestApp
  let owner: User
  let ownerToken: string
  let client: Client

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    owner = await createUser(t.deps)
    ownerToken = await createToken(t.deps, owner, ['read:contacts', 'write:contacts'])
    client = await createClient(t.deps, owner)
  })

  afterEach(async () => t?.close())

  const listUrl = (clientId: number) => `/api/v1/clients/${clientId}/contacts`
  const itemUrl = (id: number) => `/api/v1/contacts/${id}`

  const contactOf = (input: ContactInput = {}) =>
    t.deps.contacts.create(owner, client.id, { firstName: 'Grace', lastName: 'Hopper', ...input })

  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    token: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) })

  async function tokenFor(role: string) {
    return createToken(t.deps, await createUser(t.deps, { role }))
  }

  async function primaryIds(): Promise<number[]> {
    const rows = await t.deps.database.db
      .selectFrom('contacts')
      .select('id')
      .where('clientId', '=', client.id)
      .where('isPrimary', '=', true)
      .execute()
    return rows.map((row) => row.id)
  }

  it('creates a contact with the defaults and derived fields of §3.3', async () => {
    const response = await send('POST', listUrl(client.id), ownerToken, {
      first_name: ' Grace ',
      last_name: ' Hopper',
      title: ' Admiral ',
      tags: 'navy,cobol',
      phone: ' ',
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Contact created successfully',
      contact: {
        id: expect.any(Number),
        client_id: client.id,
        first_name: 'Grace',
        last_name: 'Hopper',
        full_name: 'Grace Hopper',
        display_name: 'Grace Hopper - Admiral',
        email: null,
        phone: null,
        mobile: null,
        title: 'Admiral',
        department: null,
        role: 'contact',
        is_primary: false,
        address: null,
        notes: null,
        tags: ['navy', 'cobol'],
        is_active: true,
        created_by: owner.id,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
      },
    })
  })

  it('refuses missing names and a bad is_primary, writing nothing', async () => {
    const names = await send('POST', listUrl(client.id), ownerToken, { first_name: 'Grace', last_name: '  ' })
    const flag = await send('POST', listUrl(client.id), ownerToken, {
      first_name: 'G',
      last_name: 'H',
      is_primary: 'maybe',
    })

    expect(names.statusCode).toBe(400)
    expect(names.json()).toEqual({
      success: false,
      error: 'first_name and last_name are required',
      message: 'first_name and last_name are required',
      error_code: 'bad_request',
    })
    expect(flag.json()).toMatchObject({
      error_code: 'validation_error',
      errors: { is_primary: ['Not a valid boolean.'] },
    })
    expect(await t.deps.database.db.selectFrom('contacts').select('id').execute()).toEqual([])
  })

  it('keeps one primary contact per client, on create and on update', async () => {
    const first = await contactOf({ isPrimary: true })
    const otherClient = await createClient(t.deps, owner)
    const elsewhere = await t.deps.contacts.create(owner, otherClient.id, {
      firstName: 'A',
      lastName: 'B',
      isPrimary: true,
    })

    const second = await send('POST', listUrl(client.id), ownerToken, {
      first_name: 'K',
      last_name: 'J',
      is_primary: 'yes',
    })
    expect(await primaryIds()).toEqual([second.json().contact.id])

    await send('PATCH', itemUrl(first.id), ownerToken, { is_primary: true })
    expect(await primaryIds()).toEqual([first.id])
    expect((await t.deps.contacts.get(owner, elsewhere.id)).isPrimary).toBe(true)
  })

  it('keeps one primary contact when many are made primary at once', async () => {
    const contacts = await Promise.all(Array.from({ length: 6 }, (_, i) => contactOf({ lastName: `L${i}` })))

    const responses = await Promise.all(
      contacts.map((contact) => send('PATCH', itemUrl(contact.id), ownerToken, { is_primary: true })),
    )

    expect(responses.map((response) => response.statusCode)).toEqual(contacts.map(() => 200))
    expect(await primaryIds()).toHaveLength(1)
  })

  it('lists the active contacts by last name, then first name', async () => {
    const b = await contactOf({ firstName: 'Zoe', lastName: 'Brown' })
    const a = await contactOf({ firstName: 'Amy', lastName: 'Brown' })
    const first = await contactOf({ firstName: 'Max', lastName: 'Adams' })
    const gone = await contactOf({ lastName: 'Aaron' })
    await send('DELETE', itemUrl(gone.id), ownerToken)

    const response = await send('GET', listUrl(client.id), ownerToken)

    expect(response.statusCode).toBe(200)
    expect(Object.keys(response.json())).toEqual(['contacts'])
    expect(response.json<{ contacts: { id: number }[] }>().contacts.map((c) => c.id)).toEqual([
      first.id,
      a.id,
      b.id,
    ])
  })

  it('deletes softly: inactive, still primary, still readable', async () => {
    const contact = await contactOf({ isPrimary: true })

    const response = await send('DELETE', itemUrl(contact.id), ownerToken)
    const read = await send('GET', itemUrl(contact.id), ownerToken)

    expect(response.json()).toEqual({ message: 'Contact deleted successfully' })
    expect(read.json().contact).toMatchObject({ is_active: false, is_primary: true })
  })

  it.each(['PUT', 'PATCH'] as const)('%s sets the strings present and not null', async (method) => {
    const contact = await contactOf({ email: 'g@navy.mil', title: 'Admiral' })
    t.clock.advanceSeconds(5)

    const response = await send(method, itemUrl(contact.id), ownerToken, {
      email: null,
      title: '',
      role: ' billing ',
      department: ' R&D ',
    })

    expect(response.statusCode).toBe(200)
    expect(response.json().message).toBe('Contact updated successfully')
    expect(response.json().contact).toMatchObject({
      email: 'g@navy.mil',
      title: null,
      display_name: 'Grace Hopper',
      role: 'billing',
      department: 'R&D',
      updated_at: '2025-01-15T10:00:05',
    })
  })

  it('answers 404 for an unknown client or contact', async () => {
    const list = await send('GET', listUrl(999999), ownerToken)
    const create = await send('POST', listUrl(999999), ownerToken, { first_name: 'A', last_name: 'B' })
    const item = await send('GET', itemUrl(999999), ownerToken)

    expect(list.json()).toMatchObject({ error_code: 'not_found', message: 'Client not found' })
    expect(create.statusCode).toBe(404)
    expect(item.json()).toMatchObject({ error_code: 'not_found', message: 'Contact not found' })
  })

  it('refuses a user who cannot see the client on every route (§9 item 13), before checking the body', async () => {
    const contact = await contactOf()
    const stranger = await tokenFor('user')

    const responses = [
      await send('GET', listUrl(client.id), stranger),
      await send('POST', listUrl(client.id), stranger, {}),
      await send('GET', itemUrl(contact.id), stranger),
      await send('PUT', itemUrl(contact.id), stranger, { first_name: 'X' }),
      await send('PATCH', itemUrl(contact.id), stranger, { first_name: 'X' }),
      await send('DELETE', itemUrl(contact.id), stranger),
    ]

    for (const response of responses) {
      expect(response.statusCode).toBe(403)
      expect(response.json()).toEqual(NO_ACCESS)
    }
    expect(await t.deps.contacts.get(owner, contact.id)).toEqual(contact)
  })

  it('follows client visibility: managers and admins see every client, members see their project’s client', async () => {
    const contact = await contactOf()
    const member = await createUser(t.deps)
    const project = await createProject(t.deps, owner, { clientId: client.id })
    await t.deps.database.db
      .insertInto('projectMembers')
      .values({ projectId: project.id, userId: member.id })
      .execute()

    for (const token of [
      await tokenFor('manager'),
      await tokenFor('admin'),
      await createToken(t.deps, member),
    ]) {
      expect((await send('GET', itemUrl(contact.id), token)).statusCode).toBe(200)
    }
  })

  it('requires the contacts scopes and the contacts module; clients off hides it from users only', async () => {
    const readOnly = await createToken(t.deps, owner, ['read:contacts'])
    const scope = await send('POST', listUrl(client.id), readOnly, {})
    await disableModules(t.deps, ['contacts'])
    const disabled = await send('GET', listUrl(client.id), ownerToken)
    await disableModules(t.deps, ['clients'])
    const asUser = await send('GET', listUrl(client.id), ownerToken)
    const asAdmin = await send('GET', listUrl(client.id), await tokenFor('admin'))

    expect(scope.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:contacts' })
    expect(disabled.json()).toEqual({
      success: false,
      error: 'module_disabled',
      message: 'contacts module is disabled by the administrator.',
      error_code: 'forbidden',
    })
    expect(asUser.json().error).toBe('module_disabled')
    expect(asAdmin.statusCode).toBe(200)
  })
})
