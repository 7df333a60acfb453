import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  inventoryClient,
  inventoryRowCounts,
  lotsOf,
  type InventoryClient,
} from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const MOVEMENTS = '/api/v1/inventory/movements'

describe.each(dialects)('devaluing movements (POST /api/v1/inventory/movements) on $name', ({ name }) => {
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
})
