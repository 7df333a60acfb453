import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inventoryClient, type InventoryClient } from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const REPORTS = '/api/v1/inventory/reports'

describe.each(dialects)('inventory reports on $name', ({ name }) => {
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

  describe('movement history', () => {
    let cable: Record<string, any>
    let bolt: Record<string, any>
    let referenceId: number

    beforeEach(async () => {
      cable = await client.item({ sku: 'CAB-1', name: 'Cable' })
      bolt = await client.item({ sku: 'BLT-1', name: 'Bolt' })
      t.clock.set('2025-01-10T08:00:00Z')
      await move(cable, main, {
        movement_type: 'purchase',
        quantity: 5,
        reference_type: 'invoice',
        notes: 'n1',
      })
      t.clock.set('2025-01-12T09:00:00Z')
      await move(cable, main, { movement_type: 'sale', quantity: -2, reference_id: 42 })
      await move(bolt, backup, { quantity: 1 })
      t.clock.set('2025-01-14T23:59:59Z')
      const transfer = await client.send('POST', '/api/v1/inventory/transfers', {
        stock_item_id: cable.id,
        from_warehouse_id: main.id,
        to_warehouse_id: backup.id,
        quantity: 1,
      })
      referenceId = transfer.json().reference_id as number
    })

    const summary = (body: Record<string, any>) =>
      (body.movements as Record<string, unknown>[]).map((row) => [
        row.type,
        row.item_sku,
        row.quantity,
        row.reference,
      ])

    it('lists movements newest first (ties by id) with their references, unpaginated', async () => {
      const body = await report('movement-history')

      expect(summary(body)).toEqual([
        ['transfer', 'CAB-1', 1, `transfer#${referenceId}`],
        ['transfer', 'CAB-1', -1, `transfer#${referenceId}`],
        ['adjustment', 'BLT-1', 1, null],
        ['sale', 'CAB-1', -2, '42'],
        ['purchase', 'CAB-1', 5, 'invoice'],
      ])
      expect(body.total_movements).toBe(5)
      expect(body.pagination).toBeUndefined()
      expect(body.movements[4]).toEqual({
        id: expect.any(Number),
        date: '2025-01-10T08:00:00',
        item_id: cable.id,
        item_sku: 'CAB-1',
        item_name: 'Cable',
        warehouse_id: main.id,
        warehouse_name: 'Main',
        quantity: 5,
        type: 'purchase',
        reference: 'invoice',
        notes: 'n1',
      })
    })

    it('filters by dates (a bare end date covers its whole day), item, warehouse and type', async () => {
      const day = await report('movement-history?date_from=2025-01-12&date_to=2025-01-12')
      const toFourteenth = await report('movement-history?date_to=2025-01-14')
      const bolts = await report(`movement-history?stock_item_id=${bolt.id}`)
      const inBackup = await report(`movement-history?warehouse_id=${backup.id}&date_from=nonsense`)
      const sales = await report('movement-history?movement_type=%20sale%20')

      expect(summary(day).map((row) => row[0])).toEqual(['adjustment', 'sale'])
      expect(toFourteenth.total_movements).toBe(5)
      expect(summary(bolts)).toEqual([['adjustment', 'BLT-1', 1, null]])
      expect(inBackup.total_movements).toBe(2)
      expect(summary(sales)).toEqual([['sale', 'CAB-1', -2, '42']])
    })

    it('paginates only when page and per_page are both integers', async () => {
      const second = await report('movement-history?page=2&per_page=2')
      const onlyPage = await report('movement-history?page=2')
      const badPerPage = await report('movement-history?page=1&per_page=x')

      expect(summary(second).map((row) => row[0])).toEqual(['adjustment', 'sale'])
      expect(second.total_movements).toBe(5)
      expect(second.pagination).toEqual({
        page: 2,
        per_page: 2,
        total: 5,
        pages: 3,
        has_next: true,
        has_prev: true,
        next_page: 3,
        prev_page: 1,
      })
      expect(onlyPage.movements).toHaveLength(5)
      expect(onlyPage.pagination).toBeUndefined()
      expect(badPerPage.pagination).toBeUndefined()
    })
  })

  describe('turnover', () => {
    let cable: Record<string, any>
    let bolt: Record<string, any>

    beforeEach(async () => {
      cable = await client.item({ sku: 'CAB-1', name: 'Cable' })
      bolt = await client.item({ sku: 'BLT-1', name: 'Bolt' })
      t.clock.set('2023-06-01T12:00:00Z')
      await move(cable, main, { movement_type: 'sale', quantity: -100 }) // outside the default year
      t.clock.set('2025-01-01T12:00:00Z')
      await move(cable, main, { movement_type: 'purchase', quantity: 10, unit_cost: 1 })
      await move(cable, backup, { movement_type: 'purchase', quantity: 4, unit_cost: 1 })
      t.clock.set('2025-01-05T12:00:00Z')
      await move(cable, main, { movement_type: 'sale', quantity: -3 })
      t.clock.set('2025-01-07T12:00:00Z')
      await move(bolt, main, { movement_type: 'sale', quantity: -2 }) // no stock: its row stays at 0
      t.clock.set('2025-01-10T12:00:00Z')
      await move(cable, main, { movement_type: 'sale', quantity: '-1.5' })
      await move(cable, main, { movement_type: 'rent', quantity: -0.5 }) // not a sale
      t.clock.set('2025-01-15T10:00:00Z')
    })

    it('defaults to the last 365 days and uses the on-hand of the first stock row as the average', async () => {
      const body = await report('turnover')

      // Worked example: window 2024-01-16T10:00:00 … 2025-01-15T10:00:00, days = 365.
      // Cable: sold 3 + 1.5 = 4.5; its first row (WH-A) holds 10 − 3 − 1.5 − 0.5 = 5 → avg 5;
      //        rate = 4.5 / 5 = 0.9; days on hand = 365 / 0.9 = 405.55…
      // Bolt: sold 2, avg 0 → rate 0, days on hand 0. First-seen order: Cable (sale on the 5th).
      expect(body).toEqual({
        start_date: '2024-01-16T10:00:00',
        end_date: '2025-01-15T10:00:00',
        items: [
          {
            item_id: cable.id,
            sku: 'CAB-1',
            name: 'Cable',
            quantity_sold: 4.5,
            avg_stock: 5,
            turnover_rate: 0.9,
            days_on_hand: 365 / 0.9,
          },
          {
            item_id: bolt.id,
            sku: 'BLT-1',
            name: 'Bolt',
            quantity_sold: 2,
            avg_stock: 0,
            turnover_rate: 0,
            days_on_hand: 0,
          },
        ],
      })
    })

    it('takes date bounds by the date-range rule and floors the days', async () => {
      const body = await report('turnover?start_date=2025-01-06&end_date=2025-01-10')

      // 2025-01-06T00:00:00 … 2025-01-10T23:59:59 is 4 days 23:59:59 → 4 days. In range: Bolt's sale
      // (7th), then Cable's 1.5 (10th): rate 1.5 / 5 = 0.3, days on hand 4 / 0.3.
      expect(body).toEqual({
        start_date: '2025-01-06T00:00:00',
        end_date: '2025-01-10T23:59:59',
        items: [
          {
            item_id: bolt.id,
            sku: 'BLT-1',
            name: 'Bolt',
            quantity_sold: 2,
            avg_stock: 0,
            turnover_rate: 0,
            days_on_hand: 0,
          },
          {
            item_id: cable.id,
            sku: 'CAB-1',
            name: 'Cable',
            quantity_sold: 1.5,
            avg_stock: 5,
            turnover_rate: 1.5 / 5,
            days_on_hand: 4 / (1.5 / 5),
          },
        ],
      })
    })

    it('filters by item, answers 0 rates for a window under one day, and ignores bad values', async () => {
      const oneItem = await report(
        `turnover?item_id=${cable.id}&start_date=2025-01-10T00:00:00Z&end_date=2025-01-10T23:00:00Z`,
      )
      const bad = await report('turnover?start_date=soon&end_date=later&item_id=x')

      expect(oneItem.items).toEqual([
        {
          item_id: cable.id,
          sku: 'CAB-1',
          name: 'Cable',
          quantity_sold: 1.5,
          avg_stock: 5,
          turnover_rate: 0,
          days_on_hand: 0,
        },
      ])
      expect(bad.start_date).toBe('2024-01-16T10:00:00')
      expect(bad.items).toHaveLength(2)
    })
  })

  describe('low stock', () => {
    it('lists active trackable items below their reorder point per stock row', async () => {
      const cable = await client.item({
        sku: 'CAB-1',
        name: 'Cable',
        reorder_point: 20,
        reorder_quantity: 50,
      })
      const bolt = await client.item({ sku: 'BLT-1', name: 'Bolt', reorder_point: 10 })
      const inactive = await client.item({ reorder_point: 10, is_active: false })
      const untracked = await client.item({ reorder_point: 10, is_trackable: false })
      const noPoint = await client.item({})
      await buy(cable, main, 5, 1)
      await buy(cable, backup, 25, 1)
      await buy(bolt, backup, 9.5, 1)
      for (const item of [inactive, untracked, noPoint]) await buy(item, main, 1, 1)

      const body = await report('low-stock')
      const inBackup = await report(`low-stock?warehouse_id=${backup.id}`)

      // Cable: WH-A 5 < 20 → shortfall 15 (WH-B's 25 is enough); Bolt: 9.5 < 10 → shortfall 0.5.
      expect(body).toEqual({
        items: [
          {
            item_id: cable.id,
            item_sku: 'CAB-1',
            item_name: 'Cable',
            warehouse_id: main.id,
            warehouse_code: 'WH-A',
            warehouse_name: 'Main',
            quantity_on_hand: 5,
            reorder_point: 20,
            reorder_quantity: 50,
            shortfall: 15,
          },
          {
            item_id: bolt.id,
            item_sku: 'BLT-1',
            item_name: 'Bolt',
            warehouse_id: backup.id,
            warehouse_code: 'WH-B',
            warehouse_name: 'Backup',
            quantity_on_hand: 9.5,
            reorder_point: 10,
            reorder_quantity: 0,
            shortfall: 0.5,
          },
        ],
      })
      expect((inBackup.items as { item_sku: string }[]).map((row) => row.item_sku)).toEqual(['BLT-1'])
    })
  })
})
