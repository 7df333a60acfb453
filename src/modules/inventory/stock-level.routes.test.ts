import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inventoryClient, type InventoryClient } from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const LEVELS = '/api/v1/inventory/stock-levels'

describe.each(dialects)('stock levels and availability on $name', ({ name }) => {
  let t: TestApp
  let client: InventoryClient
  let cable: Record<string, any>
  let bolt: Record<string, any>
  let north: Record<string, any>
  let south: Record<string, any>

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    client = await inventoryClient(t)
    cable = await client.item({ sku: 'CAB', name: 'Cable', category: 'Cables', reorder_point: 5 })
    bolt = await client.item({ sku: 'BLT', name: 'Bolt', category: 'Hardware' })
    south = await client.warehouse({ code: 'S', name: 'South' })
    north = await client.warehouse({ code: 'N', name: 'North' })
    const put = (item: Record<string, any>, warehouse: Record<string, any>, quantity: number) =>
      client.move({ stock_item_id: item.id, warehouse_id: warehouse.id, movement_type: 'purchase', quantity })
    await put(cable, south, 10)
    await put(cable, north, 2.5)
    await put(bolt, south, 7)
  })

  afterEach(async () => t?.close())

  const rows = async (query = '') =>
    (await client.get(`${LEVELS}${query}`)).json<{
      stock_levels: { warehouse: { code: string }; stock_item: { sku: string }; quantity_on_hand: number }[]
    }>().stock_levels

  it('lists every row by warehouse code then item name, with the full warehouse and item', async () => {
    const levels = await rows()

    expect(levels.map((row) => [row.warehouse.code, row.stock_item.sku])).toEqual([
      ['N', 'CAB'],
      ['S', 'BLT'],
      ['S', 'CAB'],
    ])
    expect(levels[0]).toEqual({
      warehouse: (await client.get(`/api/v1/inventory/warehouses/${north.id}`)).json().warehouse,
      stock_item: {
        ...cable,
        total_quantity_on_hand: 12.5,
        total_quantity_available: 12.5,
        is_low_stock: true,
      },
      quantity_on_hand: 2.5,
      quantity_reserved: 0,
      quantity_available: 2.5,
      location: null,
    })
  })

  it('filters by warehouse, item and category; ignores values that are not integers', async () => {
    expect((await rows(`?warehouse_id=${south.id}`)).map((row) => row.stock_item.sku)).toEqual(['BLT', 'CAB'])
    expect((await rows(`?stock_item_id=${bolt.id}`)).map((row) => row.warehouse.code)).toEqual(['S'])
    expect((await rows('?category=Cables')).map((row) => row.warehouse.code)).toEqual(['N', 'S'])
    expect(await rows('?warehouse_id=abc&stock_item_id=1.5')).toHaveLength(3)
    expect(await rows('?warehouse_id=99999999999')).toEqual([])
  })

  it("answers an item's availability per warehouse, by code", async () => {
    const response = await client.get(`/api/v1/inventory/items/${cable.id}/availability`)
    const filtered = await client.get(
      `/api/v1/inventory/items/${cable.id}/availability?warehouse_id=${south.id}`,
    )

    expect(response.json()).toEqual({
      item_id: cable.id,
      item_sku: 'CAB',
      item_name: 'Cable',
      availability: [
        {
          warehouse_id: north.id,
          warehouse_code: 'N',
          warehouse_name: 'North',
          quantity_on_hand: 2.5,
          quantity_reserved: 0,
          quantity_available: 2.5,
          location: null,
        },
        expect.objectContaining({ warehouse_id: south.id, quantity_on_hand: 10 }),
      ],
    })
    expect(filtered.json().availability).toHaveLength(1)
  })

  it('answers 404 for the availability of an unknown item', async () => {
    const response = await client.get('/api/v1/inventory/items/987654/availability')

    expect(response.statusCode).toBe(404)
    expect(response.json().message).toBe('Stock item not found')
  })

  it('marks an item low only when one of its rows is below the reorder point', async () => {
    const noRows = await client.item({ reorder_point: 100 })
    const item = (id: number) => client.get(`/api/v1/inventory/items/${id}`)

    expect((await item(cable.id)).json().item.is_low_stock).toBe(true)
    expect((await item(bolt.id)).json().item.is_low_stock).toBe(false)
    expect((await item(noRows.id)).json().item.is_low_stock).toBe(false)
  })
})
