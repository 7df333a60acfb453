import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  idsOf,
  inventoryClient,
  inventoryRowCounts,
  type InventoryClient,
} from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const WAREHOUSES = '/api/v1/inventory/warehouses'

describe.each(dialects)('/api/v1/inventory/warehouses on $name', ({ name }) => {
  let t: TestApp
  let client: InventoryClient

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    client = await inventoryClient(t)
  })

  afterEach(async () => t?.close())

  it('creates a warehouse with the code trimmed and upper-cased', async () => {
    const response = await client.send('POST', WAREHOUSES, {
      name: ' Main ',
      code: ' wh-a ',
      address: ' 1 Dock Road ',
      contact_email: '',
      is_active: 'true',
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Warehouse created successfully',
      warehouse: {
        id: expect.any(Number),
        name: 'Main',
        code: 'WH-A',
        address: '1 Dock Road',
        contact_person: null,
        contact_email: null,
        contact_phone: null,
        is_active: true,
        notes: null,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
        created_by: client.userId,
      },
    })
  })

  it.each([
    [{}, 'Missing required fields: name, code'],
    [{ name: 'Main' }, 'Missing required fields: code'],
    [{ code: 'X', name: null }, 'Missing required fields: name'],
  ])('answers 400 for missing fields %j', async (body, message) => {
    const response = await client.send('POST', WAREHOUSES, body)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ success: false, error: message, message, error_code: 'bad_request' })
  })

  it('refuses a duplicate code on create and update, and writes nothing', async () => {
    await client.warehouse({ code: 'WH-A' })
    const other = await client.warehouse({ code: 'WH-B' })
    const before = await inventoryRowCounts(t)

    const created = await client.send('POST', WAREHOUSES, { name: 'Again', code: 'wh-a' })
    const updated = await client.send('PATCH', `${WAREHOUSES}/${other.id}`, { code: 'Wh-A', name: 'Renamed' })

    const message = "Warehouse with code 'WH-A' already exists"
    expect(created.json()).toEqual({ success: false, error: message, message, error_code: 'bad_request' })
    expect(updated.statusCode).toBe(400)
    expect(updated.json().message).toBe(message)
    expect(await inventoryRowCounts(t)).toEqual(before)
    expect((await client.get(`${WAREHOUSES}/${other.id}`)).json().warehouse.name).not.toBe('Renamed')
  })

  it('updates only the keys sent, keeping its own code', async () => {
    const warehouse = await client.warehouse({ code: 'WH-A', name: 'Main', notes: 'n' })

    const response = await client.send('PUT', `${WAREHOUSES}/${warehouse.id}`, {
      code: 'wh-a',
      contact_phone: ' 123 ',
      notes: null,
    })

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      message: 'Warehouse updated successfully',
      warehouse: { ...warehouse, contact_phone: '123', notes: null },
    })
  })

  it('answers 404 for an unknown warehouse', async () => {
    const get = await client.get(`${WAREHOUSES}/999`)
    const update = await client.send('PATCH', `${WAREHOUSES}/999`, { name: 'x' })
    const remove = await client.send('DELETE', `${WAREHOUSES}/999`)

    for (const response of [get, update, remove]) {
      expect(response.statusCode).toBe(404)
      expect(response.json()).toMatchObject({ message: 'Warehouse not found', error_code: 'not_found' })
    }
  })

  it('lists by code under `items`, active ones unless active_only is not `true`', async () => {
    const b = await client.warehouse({ code: 'B' })
    const a = await client.warehouse({ code: 'A' })
    const c = await client.warehouse({ code: 'C' })
    const removed = await client.send('DELETE', `${WAREHOUSES}/${c.id}`)

    const active = await client.get(WAREHOUSES)
    const all = await client.get(`${WAREHOUSES}?active_only=0&per_page=2`)

    expect(removed.json()).toEqual({ message: 'Warehouse deactivated successfully' })
    expect(idsOf(active)).toEqual([a.id, b.id])
    expect(idsOf(all)).toEqual([a.id, b.id])
    expect(all.json().pagination).toMatchObject({ total: 3, pages: 2, per_page: 2, has_next: true })
  })
})
