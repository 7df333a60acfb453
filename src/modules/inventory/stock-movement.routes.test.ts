import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  inventoryClient,
  inventoryRowCounts,
  lotsOf,
  type InventoryClient,
} from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const MOVEMENTS = '/api/v1/inventory/movements'

describe.each(dialects)('POST /api/v1/inventory/movements on $name', ({ name }) => {
  let t: TestApp
  let client: InventoryClient
  let item: Record<string, any>
  let warehouse: Record<string, any>

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: { API_TOKEN_RATE_LIMIT_PER_MINUTE: '1000' } })
    client = await inventoryClient(t)
    item = await client.item({ sku: 'CAB-1', name: 'Cable', default_cost: 10 })
    warehouse = await client.warehouse({ code: 'WH-A', name: 'Main' })
  })

  afterEach(async () => t?.close())

  const move = (body: Record<string, unknown>) =>
    client.send('POST', MOVEMENTS, { stock_item_id: item.id, warehouse_id: warehouse.id, ...body })
  const lots = () => lotsOf(t, item.id as number, warehouse.id as number)
  const onHand = async () =>
    (await client.get(`/api/v1/inventory/items/${item.id}`)).json().item.total_quantity_on_hand as number

  async function expect400(body: Record<string, unknown>, message: string, code = 'bad_request') {
    const before = await inventoryRowCounts(t)
    const response = await move(body)
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ success: false, error: message, message, error_code: code })
    expect(await inventoryRowCounts(t)).toEqual(before)
  }

  it('records a purchase: the movement, the new stock row and one lot at the unit cost', async () => {
    const response = await move({
      movement_type: 'purchase',
      quantity: '10',
      unit_cost: 8,
      reason: '  restock ',
      notes: ' ',
      reference_type: 'purchase_order',
      reference_id: '42',
    })

    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toEqual({
      message: 'Stock movement recorded successfully',
      movement: {
        id: expect.any(Number),
        movement_type: 'purchase',
        stock_item_id: item.id,
        warehouse_id: warehouse.id,
        quantity: 10,
        reference_type: 'purchase_order',
        reference_id: 42,
        unit_cost: 8,
        reason: 'restock',
        notes: null,
        moved_by: client.userId,
        moved_at: '2025-01-15T10:00:00',
      },
      updated_stock: {
        id: expect.any(Number),
        warehouse_id: warehouse.id,
        stock_item_id: item.id,
        quantity_on_hand: 10,
        quantity_reserved: 0,
        quantity_available: 10,
        location: null,
        last_counted_at: null,
        last_counted_by: null,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
      },
    })
    expect(await lots()).toEqual([['normal', 10, 8]])
  })

  it('defaults to an adjustment and takes numeric strings, keeping 2 decimals half up', async () => {
    const response = await move({ quantity: '2.505' })

    expect(response.json().movement).toMatchObject({
      movement_type: 'adjustment',
      quantity: 2.51,
      unit_cost: null,
    })
    // No unit cost: the inbound lot takes the item's default cost.
    expect(await lots()).toEqual([['normal', 2.51, 10]])
  })

  it.each([
    [{ stock_item_id: null }],
    [{ stock_item_id: 0 }],
    [{ warehouse_id: '' }],
    [{ quantity: null }],
    [{ quantity: undefined }],
  ])('answers the required-fields message for %j', async (body) => {
    await expect400(body, 'stock_item_id, warehouse_id, and quantity are required')
  })

  it('answers a non-numeric quantity with a validation error naming it', async () => {
    const response = await move({ quantity: 'ten' })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'quantity must be a valid number',
      message: 'quantity must be a valid number',
      error_code: 'validation_error',
      errors: { quantity: ['quantity must be a valid number'] },
    })
  })

  it('answers malformed ids and costs with a validation error naming each field', async () => {
    const response = await move({
      quantity: 1,
      stock_item_id: 'abc',
      unit_cost: 'x',
      reason: 'r'.repeat(501),
    })

    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toEqual({
      stock_item_id: ['Not a valid integer.'],
      unit_cost: ['Not a valid number.'],
      reason: ['Longer than maximum length 500.'],
    })
  })

  it('refuses an unknown movement type, item or warehouse, writing nothing', async () => {
    await expect400({ quantity: 1, movement_type: 'gift' }, 'Invalid movement_type')
    const unknownItem = await move({ quantity: 1, stock_item_id: 99999 })
    const unknownWarehouse = await move({ quantity: 1, warehouse_id: 99999 })

    expect(unknownItem.statusCode).toBe(404)
    expect(unknownItem.json()).toMatchObject({ message: 'Stock item not found', error_code: 'not_found' })
    expect(unknownWarehouse.statusCode).toBe(404)
    expect(unknownWarehouse.json()).toMatchObject({ message: 'Warehouse not found', error_code: 'not_found' })
    expect((await inventoryRowCounts(t)).stockMovements).toBe(0)
  })

  it('consumes lots oldest first on a sale', async () => {
    await move({ movement_type: 'purchase', quantity: 5, unit_cost: 2 })
    t.clock.advanceSeconds(1)
    await move({ movement_type: 'purchase', quantity: 5, unit_cost: 4 })

    const sale = await move({ movement_type: 'sale', quantity: -7 })

    expect(sale.json().updated_stock.quantity_on_hand).toBe(3)
    expect(await lots()).toEqual([
      ['normal', 0, 2],
      ['normal', 3, 4],
    ])
  })

  it('fails a sale the positive lots cannot cover and stores nothing', async () => {
    await move({ movement_type: 'purchase', quantity: 3, unit_cost: 2 })

    await expect400(
      { movement_type: 'sale', quantity: -5 },
      'Failed to record movement: Insufficient stock lots to cover this movement (lots/FIFO)',
    )
    expect(await onHand()).toBe(3)
  })

  it('seeds a legacy lot from the pre-movement on-hand (clamped result + |quantity|)', async () => {
    // On-hand recorded while the item was not trackable has no lots.
    await client.send('PATCH', `/api/v1/inventory/items/${item.id}`, { is_trackable: false })
    await move({ quantity: 3 })
    await client.send('PATCH', `/api/v1/inventory/items/${item.id}`, { is_trackable: true })
    expect(await lots()).toEqual([])

    const sale = await move({ movement_type: 'sale', quantity: -5 })

    // On-hand 3 − 5 clamps to 0; the legacy lot holds 0 + 5 = 5 at the default cost, all sold.
    expect(sale.json().updated_stock.quantity_on_hand).toBe(0)
    expect(await lots()).toEqual([['normal', 0, 10]])
  })

  it('lets an adjustment drive the first non-zero lot negative while on-hand clamps at 0', async () => {
    await move({ movement_type: 'purchase', quantity: 2, unit_cost: 1 })

    const adjustment = await move({ quantity: -5 })

    expect(adjustment.json().updated_stock.quantity_on_hand).toBe(0)
    expect(await lots()).toEqual([['normal', -3, 1]])
  })

  it('creates an empty lot at the default cost for an adjustment when every lot is at 0', async () => {
    await move({ movement_type: 'purchase', quantity: 2, unit_cost: 1 })
    await move({ movement_type: 'sale', quantity: -2 })

    await move({ quantity: -4 })

    expect(await lots()).toEqual([
      ['normal', 0, 1],
      ['normal', -4, 10],
    ])
    expect(await onHand()).toBe(0)
  })

  it('seeds a legacy lot even for a first negative adjustment (0 + |quantity| was "on hand")', async () => {
    await move({ quantity: -4 })

    expect(await lots()).toEqual([['normal', 0, 10]])
  })

  it('removes rented stock without touching the lots', async () => {
    await move({ movement_type: 'purchase', quantity: 5, unit_cost: 2 })

    const rent = await move({ movement_type: 'rent', quantity: -2 })

    expect(rent.json().updated_stock.quantity_on_hand).toBe(3)
    expect(await lots()).toEqual([['normal', 5, 2]])
  })

  it('adjusts on-hand of a non-trackable item without any lot', async () => {
    const plain = await client.item({ is_trackable: false })

    const response = await client.send('POST', MOVEMENTS, {
      stock_item_id: plain.id,
      warehouse_id: warehouse.id,
      quantity: 4,
    })

    expect(response.json().updated_stock.quantity_on_hand).toBe(4)
    expect(await lotsOf(t, plain.id as number, warehouse.id as number)).toEqual([])
  })

  it('keeps stock exact under 20 concurrent sales and purchases', async () => {
    await move({ movement_type: 'purchase', quantity: 20, unit_cost: 1 })

    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => move({ movement_type: 'sale', quantity: -1 })),
      ...Array.from({ length: 20 }, () => move({ movement_type: 'purchase', quantity: 0.5, unit_cost: 2 })),
    ])

    expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 40 }, () => 201))
    expect(await onHand()).toBe(10)
    const remaining = (await lots()).reduce((sum, [, quantity]) => sum + quantity * 100, 0)
    expect(remaining / 100).toBe(10)
  })
})
