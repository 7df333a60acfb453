import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inventoryClient, type InventoryClient } from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const REPORTS = '/api/v1/inventory/reports'

describe.each(dialects)('inventory valuation report on $name', ({ name }) => {
  let t: TestApp
  let client: InventoryClient
  let main: Record<string, any>
  let backup: Record<string, any>

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    client = await inventoryClient(t)
    main = await client.warehouse({ code: 'WH-A', name: 'Main' })
    backup = await client.warehouse({ code: 'WH-B', name: 'Backup' })
  })

  afterEach(async () => t?.close())

  const move = (item: Record<string, any>, warehouse: Record<string, any>, body: Record<string, unknown>) =>
    client.move({ stock_item_id: item.id, warehouse_id: warehouse.id, ...body })
  const buy = (
    item: Record<string, any>,
    warehouse: Record<string, any>,
    quantity: number,
    unitCost: number,
  ) => move(item, warehouse, { movement_type: 'purchase', quantity, unit_cost: unitCost })
  const report = async (path: string) => {
    const response = await client.get(`${REPORTS}/${path}`)
    expect(response.statusCode).toBe(200)
    return response.json<Record<string, any>>()
  }

  describe('valuation', () => {
    it('values the lots in lot mode: sums per item and warehouse, weighted cost, exact decimals', async () => {
      const cable = await client.item({ sku: 'CAB-1', name: 'Cable', category: 'Cables', default_cost: 2 })
      const bolt = await client.item({ sku: 'BLT-1', name: 'Bolt', default_cost: 0.35, currency_code: 'USD' })
      const old = await client.item({ sku: 'OLD-1', name: 'Old' })
      await buy(cable, main, 3, 1.25) // lot 1
      t.clock.advanceSeconds(1)
      await buy(cable, main, 2, 2.1) // lot 2
      await buy(bolt, backup, 0.5, 0.33) // lot 3
      await client.send('POST', '/api/v1/inventory/transfers', {
        stock_item_id: cable.id,
        from_warehouse_id: main.id,
        to_warehouse_id: backup.id,
        quantity: 1,
      }) // takes 1 from lot 1; lot 4 in WH-B: 1 at 1.25
      await buy(old, main, 1, 100) // lot 5, item deactivated below
      await client.send('DELETE', `/api/v1/inventory/items/${old.id}`)
      await buy(bolt, main, 1, 9) // lot 6, sold out below: a zero lot is not valued
      await move(bolt, main, { movement_type: 'sale', quantity: -1 })

      const body = await report('valuation')

      // Worked example:
      //   Cable @ WH-A: lot 1 = 2 × 1.25 = 2.50, lot 2 = 2 × 2.10 = 4.20 → qty 4, value 6.70, cost 6.70 / 4 = 1.675
      //   Bolt  @ WH-B: lot 3 = 0.5 × 0.33 = 0.165 (kept exact)
      //   Cable @ WH-B: lot 4 = 1 × 1.25 = 1.25
      //   total 6.70 + 0.165 + 1.25 = 8.115; WH-B's bucket was opened by Bolt, so it says USD.
      expect(body).toEqual({
        total_value: 8.115,
        by_warehouse: {
          'Main (WH-A)': {
            warehouse_id: main.id,
            warehouse_name: 'Main',
            warehouse_code: 'WH-A',
            value: 6.7,
            currency: 'EUR',
          },
          'Backup (WH-B)': {
            warehouse_id: backup.id,
            warehouse_name: 'Backup',
            warehouse_code: 'WH-B',
            value: 1.415,
            currency: 'USD',
          },
        },
        by_category: {
          Cables: { category: 'Cables', value: 7.95, currency: 'EUR' },
          Uncategorized: { category: 'Uncategorized', value: 0.165, currency: 'USD' },
        },
        item_details: [
          {
            item_id: cable.id,
            sku: 'CAB-1',
            name: 'Cable',
            category: 'Cables',
            warehouse_id: main.id,
            warehouse_name: 'Main',
            quantity: 4,
            cost: 1.675,
            value: 6.7,
            currency: 'EUR',
          },
          {
            item_id: bolt.id,
            sku: 'BLT-1',
            name: 'Bolt',
            category: null,
            warehouse_id: backup.id,
            warehouse_name: 'Backup',
            quantity: 0.5,
            cost: 0.33,
            value: 0.165,
            currency: 'USD',
          },
          {
            item_id: cable.id,
            sku: 'CAB-1',
            name: 'Cable',
            category: 'Cables',
            warehouse_id: backup.id,
            warehouse_name: 'Backup',
            quantity: 1,
            cost: 1.25,
            value: 1.25,
            currency: 'EUR',
          },
        ],
        currency: 'EUR',
        warehouse_id: null,
        category: null,
      })
      expect(Object.keys(body.by_warehouse as object)).toEqual(['Main (WH-A)', 'Backup (WH-B)'])

      const inBackup = await report(`valuation?warehouse_id=${backup.id}`)
      const cables = await report('valuation?category=%20Cables%20')
      const dollars = await report('valuation?currency_code=USD&warehouse_id=abc')
      expect(inBackup).toMatchObject({ total_value: 1.415, warehouse_id: backup.id, category: null })
      expect(cables).toMatchObject({ total_value: 7.95, category: 'Cables' })
      expect(dollars).toMatchObject({ total_value: 0.165, currency: 'USD', warehouse_id: null })
      expect(dollars.item_details).toHaveLength(1)
    })

    it('falls back to the stock rows at the default cost when no lot exists anywhere', async () => {
      // Stock recorded while the items were not trackable has no lots.
      const cable = await client.item({
        sku: 'CAB-1',
        name: 'Cable',
        category: 'Cables',
        default_cost: 2,
        is_trackable: false,
      })
      const bolt = await client.item({ sku: 'BLT-1', name: 'Bolt', default_cost: 0.35, is_trackable: false })
      const free = await client.item({ sku: 'FREE', name: 'Free', is_trackable: false })
      await move(cable, main, { quantity: 10 })
      await move(cable, backup, { quantity: 5 })
      await move(bolt, main, { quantity: 3 })
      await move(free, main, { quantity: 7 })
      for (const item of [cable, bolt, free])
        await client.send('PATCH', `/api/v1/inventory/items/${item.id}`, { is_trackable: true })

      const body = await report('valuation')

      // Worked example: Cable 10 × 2.00 = 20.00 (WH-A), 5 × 2.00 = 10.00 (WH-B); Bolt 3 × 0.35 = 1.05;
      // Free has no default cost: 7 × 0 = 0. Total 31.05; WH-A holds 20.00 + 1.05 + 0 = 21.05.
      expect(body.total_value).toBe(31.05)
      expect(body.by_warehouse['Main (WH-A)'].value).toBe(21.05)
      expect(body.by_warehouse['Backup (WH-B)'].value).toBe(10)
      expect(body.by_category).toEqual({
        Cables: { category: 'Cables', value: 30, currency: 'EUR' },
        Uncategorized: { category: 'Uncategorized', value: 1.05, currency: 'EUR' },
      })
      expect(
        (body.item_details as Record<string, unknown>[]).map((row) => [
          row.sku,
          row.quantity,
          row.cost,
          row.value,
        ]),
      ).toEqual([
        ['CAB-1', 10, 2, 20],
        ['CAB-1', 5, 2, 10],
        ['BLT-1', 3, 0.35, 1.05],
        ['FREE', 7, 0, 0],
      ])
    })
  })
})
