import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  idsOf,
  inventoryClient,
  inventoryRowCounts,
  type InventoryClient,
} from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const ITEMS = '/api/v1/inventory/items'

describe.each(dialects)('/api/v1/inventory/items on $name', ({ name }) => {
  let t: TestApp
  let client: InventoryClient

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    client = await inventoryClient(t)
  })

  afterEach(async () => t?.close())

  it('creates an item: SKU upper-cased, texts trimmed, 0 and empty amounts unset, totals 0', async () => {
    const response = await client.send('POST', ITEMS, {
      sku: '  cab-1 ',
      name: ' Cable ',
      description: '  ',
      category: ' Cables ',
      default_cost: '8.005',
      default_price: 0,
      currency_code: 'usd',
      reorder_point: '20',
      reorder_quantity: '',
      supplier: ' ACME ',
      is_active: 'yes',
      unknown_key: 1,
    })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({
      message: 'Stock item created successfully',
      item: {
        id: expect.any(Number),
        sku: 'CAB-1',
        name: 'Cable',
        description: null,
        category: 'Cables',
        unit: 'pcs',
        default_cost: 8.01,
        default_price: null,
        currency_code: 'USD',
        barcode: null,
        is_active: true,
        is_trackable: true,
        reorder_point: 20,
        reorder_quantity: null,
        supplier: 'ACME',
        supplier_sku: null,
        image_url: null,
        notes: null,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
        created_by: client.userId,
        total_quantity_on_hand: 0,
        total_quantity_reserved: 0,
        total_quantity_available: 0,
        is_low_stock: false,
      },
    })
  })

  it('reports null totals for a non-trackable item', async () => {
    const item = await client.item({ is_trackable: false })

    expect(item.total_quantity_on_hand).toBeNull()
    expect(item.total_quantity_reserved).toBeNull()
    expect(item.total_quantity_available).toBeNull()
  })

  it.each([
    [{}, 'Missing required fields: sku, name'],
    [{ sku: 'A', name: '  ' }, 'Missing required fields: name'],
    [{ sku: null, name: 5 }, 'Missing required fields: sku'],
  ])('answers 400 for missing required fields %j', async (body, message) => {
    const response = await client.send('POST', ITEMS, body)

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ success: false, error: message, message, error_code: 'bad_request' })
  })

  it('refuses a duplicate SKU after upper-casing and writes nothing', async () => {
    await client.item({ sku: 'DUP-1' })
    const before = await inventoryRowCounts(t)

    const response = await client.send('POST', ITEMS, { sku: 'dup-1', name: 'Other' })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: "Stock item with SKU 'DUP-1' already exists",
      message: "Stock item with SKU 'DUP-1' already exists",
      error_code: 'bad_request',
    })
    expect(await inventoryRowCounts(t)).toEqual(before)
  })

  it('answers a validation error naming each malformed field', async () => {
    const response = await client.send('POST', ITEMS, {
      sku: 'X',
      name: 'n'.repeat(201),
      default_cost: 'abc',
      reorder_point: 1e12,
      is_trackable: 'maybe',
    })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: { is_trackable: ['Not a valid boolean.'] },
    })
    const rules = await client.send('POST', ITEMS, {
      sku: 'X',
      name: 'n'.repeat(201),
      default_cost: 'abc',
      reorder_point: 1e12,
    })
    expect(rules.json().errors).toEqual({
      name: ['Longer than maximum length 200.'],
      default_cost: ['Not a valid number.'],
      reorder_point: ['Not a valid number.'],
    })
    expect((await inventoryRowCounts(t)).stockItems).toBe(0)
  })

  it('gets one item, and answers 404 for an unknown or non-integer id', async () => {
    const item = await client.item({ sku: 'ONE' })

    const found = await client.get(`${ITEMS}/${item.id}`)
    const unknown = await client.get(`${ITEMS}/999999`)
    const notAnId = await client.get(`${ITEMS}/abc`)

    expect(found.json()).toEqual({ item })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ message: 'Stock item not found', error_code: 'not_found' })
    expect(notAnId.statusCode).toBe(404)
    expect(notAnId.json().message).toBe('Resource not found')
  })

  it('lists by name with search, category, active_only and pagination', async () => {
    const cable = await client.item({
      sku: 'CAB-1',
      name: 'Cable',
      category: 'Cables',
      barcode: '4006381333931',
    })
    const adapter = await client.item({ sku: 'ADP-1', name: 'adapter', category: 'Cables' })
    const bolt = await client.item({ sku: 'BLT-9', name: 'Bolt 50%', category: 'Hardware' })
    const old = await client.item({ sku: 'OLD-1', name: 'Zinc', is_active: false })
    const names = async (query: string) =>
      ((await client.get(`${ITEMS}${query}`)).json().items as { id: number }[]).map((i) => i.id)

    // Byte order (SQLite; PostgreSQL test databases use the C collation): capitals first.
    expect(await names('')).toEqual([bolt.id, cable.id, adapter.id])
    expect(await names('?active_only=false')).toContain(old.id)
    expect(await names('?active_only=TRUE')).not.toContain(old.id)
    expect(await names('?search=%20cab%20')).toEqual([cable.id])
    expect(await names('?search=333')).toEqual([cable.id])
    expect(await names('?search=50%25')).toEqual([bolt.id])
    expect(await names('?category=Cables')).toHaveLength(2)
    const page = await client.get(`${ITEMS}?per_page=2&page=2&active_only=no`)
    expect(idsOf(page)).toHaveLength(2)
    expect(page.json().pagination).toEqual({
      page: 2,
      per_page: 2,
      total: 4,
      pages: 2,
      has_next: false,
      has_prev: true,
      next_page: null,
      prev_page: 1,
    })
  })

  it('orders the list by name, ties by id', async () => {
    const b = await client.item({ name: 'Beta' })
    const a2 = await client.item({ name: 'Alpha' })
    const a1 = await client.item({ name: 'Alpha' })

    const ids = idsOf(await client.get(ITEMS))

    expect(ids).toEqual([a2.id, a1.id, b.id])
  })

  it('updates only the keys sent; the SKU cannot change; PUT and PATCH alike', async () => {
    const item = await client.item({ sku: 'KEEP', name: 'Old', default_cost: 5, category: 'A' })
    t.clock.advanceSeconds(60)

    const patched = await client.send('PATCH', `${ITEMS}/${item.id}`, {
      sku: 'CHANGED',
      name: ' New ',
      default_cost: '',
      reorder_point: 3.5,
      is_trackable: 0,
    })
    const put = await client.send('PUT', `${ITEMS}/${item.id}`, { category: null })

    expect(patched.statusCode).toBe(200)
    expect(patched.json().message).toBe('Stock item updated successfully')
    expect(patched.json().item).toMatchObject({
      sku: 'KEEP',
      name: 'New',
      default_cost: null,
      category: 'A',
      reorder_point: 3.5,
      is_trackable: false,
      total_quantity_on_hand: null,
      updated_at: '2025-01-15T10:01:00',
    })
    expect(put.json().item.category).toBeNull()
  })

  it('refuses to empty the name on update', async () => {
    const item = await client.item()

    const response = await client.send('PATCH', `${ITEMS}/${item.id}`, { name: '' })

    expect(response.statusCode).toBe(400)
    expect(response.json().message).toBe('Missing required fields: name')
  })

  it('answers 404 when updating or deleting an unknown item', async () => {
    const update = await client.send('PUT', `${ITEMS}/424242`, { name: 'x' })
    const remove = await client.send('DELETE', `${ITEMS}/424242`)

    expect(update.statusCode).toBe(404)
    expect(remove.statusCode).toBe(404)
    expect(remove.json().message).toBe('Stock item not found')
  })

  it('deactivates on DELETE', async () => {
    const item = await client.item()

    const response = await client.send('DELETE', `${ITEMS}/${item.id}`)

    expect(response.json()).toEqual({ message: 'Stock item deactivated successfully' })
    expect((await client.get(`${ITEMS}/${item.id}`)).json().item.is_active).toBe(false)
  })

  it('shares items between users: any user with the scope sees and changes everything', async () => {
    const admin = await inventoryClient(t, { role: 'admin' })
    const item = await admin.item({ name: 'Admin item' })

    const seen = await client.get(`${ITEMS}/${item.id}`)
    const changed = await client.send('PATCH', `${ITEMS}/${item.id}`, { notes: 'by a user' })

    expect(seen.statusCode).toBe(200)
    expect(changed.json().item).toMatchObject({ notes: 'by a user', created_by: admin.userId })
  })
})
