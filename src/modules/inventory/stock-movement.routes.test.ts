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

  it('books a devalued return at the devalued cost', async () => {
    const response = await move({
      movement_type: 'return',
      quantity: 3,
      devalue_enabled: 'true',
      devalue_percent: 25,
    })

    expect(response.statusCode).toBe(201)
    expect(response.json().message).toBe('Return movement recorded successfully with devaluation applied')
    // 10.00 × (100 − 25) / 100 = 7.50
    expect(response.json().movement.unit_cost).toBe(7.5)
    expect(await lots()).toEqual([['devalued', 3, 7.5]])
  })

  it('checks return and waste signs and their devaluation values in order', async () => {
    await expect400({ movement_type: 'return', quantity: 0 }, 'Return movements must use a positive quantity')
    await expect400({ movement_type: 'waste', quantity: 1 }, 'Waste movements must use a negative quantity')
    await expect400(
      { movement_type: 'return', quantity: 1, devalue_enabled: true },
      'Devaluation percent is required when devaluation is enabled',
    )
    await expect400(
      { movement_type: 'waste', quantity: -1, devalue_enabled: 1, devalue_method: ' FIXED ' },
      'New unit cost is required when devaluation is enabled',
    )
    await expect400(
      {
        movement_type: 'return',
        quantity: 1,
        devalue_enabled: true,
        devalue_method: 'fixed',
        devalue_unit_cost: 12,
      },
      'Devaluation cost (12.0) cannot be greater than original cost (10.0)',
    )
    await expect400(
      { movement_type: 'return', quantity: 1, devalue_enabled: true, devalue_method: 'average' },
      "Invalid devaluation method. Must be 'percent' or 'fixed'",
    )
  })

  it('ignores devaluation values on a return without devalue_enabled', async () => {
    const response = await move({
      movement_type: 'return',
      quantity: 2,
      devalue_percent: 'junk',
      unit_cost: 3,
    })

    expect(response.json().message).toBe('Stock movement recorded successfully')
    expect(await lots()).toEqual([['normal', 2, 3]])
  })

  it('devalues wasted stock first, then takes the waste from the devalued lot', async () => {
    await move({ movement_type: 'purchase', quantity: 4, unit_cost: 10 })

    const waste = await move({
      movement_type: 'waste',
      quantity: -3,
      devalue_enabled: 'yes',
      devalue_method: 'fixed',
      devalue_unit_cost: '2.505',
    })

    expect(waste.statusCode).toBe(201)
    expect(waste.json().message).toBe('Waste movement recorded successfully with devaluation applied')
    expect(waste.json().movement).toMatchObject({ movement_type: 'waste', quantity: -3, unit_cost: 2.51 })
    expect(waste.json().updated_stock.quantity_on_hand).toBe(1)
    expect(await lots()).toEqual([
      ['normal', 1, 10],
      ['devalued', 0, 2.51],
    ])
    const history = await client.get('/api/v1/inventory/reports/movement-history?movement_type=devaluation')
    expect(history.json().movements).toMatchObject([{ type: 'devaluation', quantity: 0 }])
  })

  it('refuses to waste more than on hand when devaluing', async () => {
    await move({ movement_type: 'purchase', quantity: 4, unit_cost: 10 })

    await expect400(
      { movement_type: 'waste', quantity: -5, devalue_enabled: true, devalue_percent: 10 },
      'Insufficient stock to waste. Available: 4.0, Requested: 5.0',
    )
  })

  it('records a devaluation: quantity 0, on-hand unchanged, FIFO lots moved into a devalued lot', async () => {
    await move({ movement_type: 'purchase', quantity: 10, unit_cost: 8 })

    const response = await move({ movement_type: 'devaluation', quantity: 4, devalue_percent: '12.5' })

    expect(response.statusCode).toBe(201)
    expect(response.json()).toEqual({ message: 'Stock devaluation recorded successfully' })
    expect(await onHand()).toBe(10)
    // Base is the default cost 10.00: 10 × 87.5 / 100 = 8.75.
    expect(await lots()).toEqual([
      ['normal', 6, 8],
      ['devalued', 4, 8.75],
    ])
    const history = await client.get('/api/v1/inventory/reports/movement-history?movement_type=devaluation')
    expect(history.json().movements).toMatchObject([{ quantity: 0, notes: null }])
  })

  it('rounds a devalued cost half up on the exact value', async () => {
    const cheap = await client.item({ default_cost: 0.25 })
    const cheapMove = (body: Record<string, unknown>) =>
      client.send('POST', MOVEMENTS, { stock_item_id: cheap.id, warehouse_id: warehouse.id, ...body })
    await cheapMove({ movement_type: 'purchase', quantity: 2 })

    await cheapMove({ movement_type: 'devaluation', quantity: 1, devalue_percent: 50 })

    // 0.25 × 50 / 100 = 0.125 → 0.13 (half up; half-to-even would give 0.12).
    expect(await lotsOf(t, cheap.id as number, warehouse.id as number)).toEqual([
      ['normal', 1, 0.25],
      ['devalued', 1, 0.13],
    ])
  })

  it('checks a devaluation in the order of the contract', async () => {
    const plain = await client.item({ is_trackable: false, default_cost: 5 })
    const noCost = await client.item({})
    const as = (id: unknown, body: Record<string, unknown>) => move({ stock_item_id: id, ...body })
    const devalue = { movement_type: 'devaluation' }

    const notTrackable = await as(plain.id, { ...devalue, quantity: 0 })
    expect(notTrackable.json().message).toBe(
      'Stock item is not trackable. Devaluation requires trackable items.',
    )
    await expect400({ ...devalue, quantity: 0 }, 'Devaluation quantity must be positive')
    expect((await as(noCost.id, { ...devalue, quantity: 1 })).json().message).toBe(
      'Stock item must have a default cost to perform devaluation',
    )
    await expect400({ ...devalue, quantity: 1 }, 'Devaluation percent is required when using percent method')
    await expect400({ ...devalue, quantity: 1, devalue_percent: 'x' }, 'Invalid devaluation percent value')
    await expect400(
      { ...devalue, quantity: 1, devalue_percent: 100.01 },
      'Devaluation percent must be between 0 and 100',
    )
    await expect400(
      { ...devalue, quantity: 1, devalue_method: 'fixed' },
      'New unit cost is required when using fixed cost method',
    )
    await expect400(
      { ...devalue, quantity: 1, devalue_method: 'fixed', devalue_unit_cost: '?' },
      'Invalid unit cost value',
    )
    await expect400(
      { ...devalue, quantity: 1, devalue_method: 'fixed', devalue_unit_cost: -1 },
      'Unit cost cannot be negative',
    )
    await expect400(
      { ...devalue, quantity: 2.5, devalue_percent: 10 },
      'Insufficient stock to devalue. Available: 0.0, Requested: 2.5',
    )
  })

  it('fails a devaluation the positive lots cannot cover and stores nothing', async () => {
    // 5 on hand without lots (recorded while not trackable), then 1 purchased into a lot.
    await client.send('PATCH', `/api/v1/inventory/items/${item.id}`, { is_trackable: false })
    await move({ quantity: 5 })
    await client.send('PATCH', `/api/v1/inventory/items/${item.id}`, { is_trackable: true })
    await move({ movement_type: 'purchase', quantity: 1, unit_cost: 1 })

    await expect400(
      { movement_type: 'devaluation', quantity: 3, devalue_percent: 10 },
      'Insufficient stock to devalue (lots/FIFO)',
    )
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
