import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  inventoryClient,
  inventoryRowCounts,
  lotsOf,
  type InventoryClient,
} from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const TRANSFERS = '/api/v1/inventory/transfers'
/** 2025-01-15T10:00:00Z, the fixed clock, in milliseconds. */
const NOW_MS = Date.parse('2025-01-15T10:00:00Z')

describe.each(dialects)('/api/v1/inventory/transfers on $name', ({ name }) => {
  let t: TestApp
  let client: InventoryClient
  let item: Record<string, any>
  let main: Record<string, any>
  let backup: Record<string, any>

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: { API_TOKEN_RATE_LIMIT_PER_MINUTE: '1000' } })
    client = await inventoryClient(t)
    item = await client.item({ sku: 'CAB-1', name: 'Cable', default_cost: 3 })
    main = await client.warehouse({ code: 'wh-a', name: 'Main' })
    backup = await client.warehouse({ code: 'WH-B', name: 'Backup' })
  })

  afterEach(async () => t?.close())

  const transfer = (body: Record<string, unknown> = {}) =>
    client.send('POST', TRANSFERS, {
      stock_item_id: item.id,
      from_warehouse_id: main.id,
      to_warehouse_id: backup.id,
      quantity: 4,
      ...body,
    })
  const stockIn = (warehouse: Record<string, any>, quantity: number, unitCost: number) =>
    client.move({
      stock_item_id: item.id,
      warehouse_id: warehouse.id,
      movement_type: 'purchase',
      quantity,
      unit_cost: unitCost,
    })

  async function expectError(
    body: Record<string, unknown>,
    status: number,
    expected: Record<string, unknown>,
  ) {
    const before = await inventoryRowCounts(t)
    const response = await client.send('POST', TRANSFERS, body)
    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({ success: false, ...expected })
    expect(await inventoryRowCounts(t)).toEqual(before)
  }

  it('moves stock and its lots (cost, type and age) to the destination', async () => {
    await stockIn(main, 3, 2)
    t.clock.advanceSeconds(60)
    await stockIn(main, 5, 4)
    t.clock.advanceSeconds(60)

    const response = await transfer({ quantity: '4', notes: '  restock ' })

    expect(response.statusCode).toBe(201)
    const body = response.json()
    const movement = (warehouseId: number, quantity: number) => ({
      id: expect.any(Number),
      movement_type: 'transfer',
      stock_item_id: item.id,
      warehouse_id: warehouseId,
      quantity,
      reference_type: 'transfer',
      reference_id: NOW_MS + 120_000,
      unit_cost: null,
      reason: 'Transfer from WH-A to WH-B',
      notes: 'restock',
      moved_by: client.userId,
      moved_at: '2025-01-15T10:02:00',
    })
    expect(body).toEqual({
      message: 'Stock transfer completed successfully',
      reference_id: NOW_MS + 120_000,
      transfers: [
        { movement_id: body.transfers[0].movement.id, movement: movement(main.id as number, -4) },
        { movement_id: body.transfers[1].movement.id, movement: movement(backup.id as number, 4) },
      ],
    })
    // FIFO out of WH-A: all 3 of the older lot at 2.00, then 1 of the newer at 4.00.
    expect(await lotsOf(t, item.id as number, main.id as number)).toEqual([
      ['normal', 0, 2],
      ['normal', 4, 4],
    ])
    expect(await lotsOf(t, item.id as number, backup.id as number)).toEqual([
      ['normal', 3, 2],
      ['normal', 1, 4],
    ])
    const ages = await t.deps.database.db
      .selectFrom('stockLots')
      .select('createdAt')
      .where('warehouseId', '=', backup.id as number)
      .orderBy('id')
      .execute()
    const seconds = ages.map((row) =>
      row.createdAt instanceof Date ? row.createdAt.getTime() / 1000 : row.createdAt,
    )
    expect(seconds).toEqual([NOW_MS / 1000, NOW_MS / 1000 + 60])
  })

  it('lists transfers, latest first, and gets one by reference id', async () => {
    await stockIn(main, 10, 1)
    const first = (await transfer({ quantity: 1 })).json()
    t.clock.advanceSeconds(3600)
    const second = (await transfer({ quantity: 2.5, notes: 'second' })).json()

    const list = await client.get(TRANSFERS)
    const one = await client.get(`${TRANSFERS}/${first.reference_id}`)

    expect(list.json()).toEqual({
      transfers: [
        {
          reference_id: second.reference_id,
          moved_at: '2025-01-15T11:00:00',
          stock_item_id: item.id,
          from_warehouse_id: main.id,
          to_warehouse_id: backup.id,
          quantity: 2.5,
          notes: 'second',
          movement_ids: (second.transfers as { movement_id: number }[]).map((row) => row.movement_id),
        },
        expect.objectContaining({ reference_id: first.reference_id, notes: null, quantity: 1 }),
      ],
      pagination: {
        page: 1,
        per_page: 50,
        total: 2,
        pages: 1,
        has_next: false,
        has_prev: false,
        next_page: null,
        prev_page: null,
      },
    })
    expect(one.json().transfer).toMatchObject({
      reference_id: first.reference_id,
      moved_at: '2025-01-15T10:00:00',
      quantity: 1,
      movements: [
        { id: first.transfers[0].movement_id, quantity: -1 },
        { id: first.transfers[1].movement_id, quantity: 1 },
      ],
    })
    expect(one.json().transfer.movement_ids).toBeUndefined()
  })

  it('filters the list by the date-range rule and counts groups that are not pairs', async () => {
    await stockIn(main, 10, 1)
    await transfer({ quantity: 1 })
    t.clock.set('2025-01-16T09:00:00Z')
    const later = (await transfer({ quantity: 1 })).json()
    // A single-sided transfer movement naming a reference: a group of one.
    await client.move({
      stock_item_id: item.id,
      warehouse_id: main.id,
      movement_type: 'transfer',
      quantity: -1,
      reference_type: 'transfer',
      reference_id: 5,
    })

    const onDay = await client.get(`${TRANSFERS}?date_from=2025-01-16&date_to=2025-01-16`)
    const bad = await client.get(`${TRANSFERS}?date_from=yesterday&per_page=1&page=2`)

    expect(
      onDay.json<{ transfers: { reference_id: number }[] }>().transfers.map((row) => row.reference_id),
    ).toEqual([later.reference_id])
    expect(onDay.json().pagination.total).toBe(2)
    expect(bad.json().pagination).toMatchObject({ total: 3, page: 2, per_page: 1, pages: 3 })
    const single = await client.get(`${TRANSFERS}/5`)
    expect(single.statusCode).toBe(404)
    expect(single.json()).toMatchObject({ message: 'Transfer with ID 5 not found', error_code: 'not_found' })
  })

  it('answers 404 for an unknown reference and for a non-integer one', async () => {
    const unknown = await client.get(`${TRANSFERS}/1767225600123`)
    const notAnId = await client.get(`${TRANSFERS}/abc`)

    expect(unknown.json().message).toBe('Transfer with ID 1767225600123 not found')
    expect(notAnId.statusCode).toBe(404)
    expect(notAnId.json().message).toBe('Resource not found')
  })

  it('lists the missing fields first, as a validation error', async () => {
    await expectError({ stock_item_id: 1, quantity: null }, 400, {
      error: 'Missing required fields: from_warehouse_id, to_warehouse_id, quantity',
      message: 'Missing required fields: from_warehouse_id, to_warehouse_id, quantity',
      error_code: 'validation_error',
      errors: { from_warehouse_id: ['Required'], to_warehouse_id: ['Required'], quantity: ['Required'] },
    })
  })

  it('checks quantity, warehouses, then existence, then available stock, in that order', async () => {
    const ids = { stock_item_id: item.id, from_warehouse_id: main.id, to_warehouse_id: backup.id }
    const plain = (message: string, code = 'bad_request') => ({ error: message, message, error_code: code })

    await expectError({ ...ids, quantity: 'x' }, 400, {
      ...plain('quantity must be a valid number', 'validation_error'),
      errors: { quantity: ['quantity must be a valid number'] },
    })
    await expectError({ ...ids, quantity: 0 }, 400, plain('quantity must be positive'))
    await expectError(
      { ...ids, to_warehouse_id: main.id, quantity: 1 },
      400,
      plain('Source and destination warehouses must be different'),
    )
    await expectError(
      { ...ids, stock_item_id: 0, quantity: 1 },
      404,
      plain('Stock item with ID 0 not found', 'not_found'),
    )
    await expectError(
      { ...ids, from_warehouse_id: 777, quantity: 1 },
      404,
      plain('Warehouse with ID 777 not found', 'not_found'),
    )
    await expectError(
      { ...ids, to_warehouse_id: 778, quantity: 1 },
      404,
      plain('Warehouse with ID 778 not found', 'not_found'),
    )
    await expectError({ ...ids, quantity: 1 }, 400, plain('Insufficient stock available in source warehouse'))
    await stockIn(main, 2, 1)
    await expectError(
      { ...ids, quantity: 2.01 },
      400,
      plain('Insufficient stock available in source warehouse'),
    )
  })

  it('compares with available stock: on-hand minus reserved', async () => {
    await stockIn(main, 5, 1)
    await t.deps.database.db.updateTable('warehouseStock').set({ quantityReservedHundredths: 200 }).execute()

    const tooMuch = await transfer({ quantity: 4 })
    const enough = await transfer({ quantity: 3 })

    expect(tooMuch.json().message).toBe('Insufficient stock available in source warehouse')
    expect(enough.statusCode).toBe(201)
  })

  it('gives 20 simultaneous transfers distinct reference ids from the same millisecond on', async () => {
    await stockIn(main, 20, 1)

    const responses = await Promise.all(Array.from({ length: 20 }, () => transfer({ quantity: 1 })))

    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 20 }, () => 201))
    const references = responses.map((r) => r.json().reference_id as number).sort((a, b) => a - b)
    expect(references).toEqual(Array.from({ length: 20 }, (_, i) => NOW_MS + i))
    const levels = await client.get(`/api/v1/inventory/items/${item.id}/availability`)
    const onHands = levels.json<{ availability: { quantity_on_hand: number }[] }>().availability
    expect(onHands.map((row) => row.quantity_on_hand)).toEqual([0, 20])
    expect((await client.get(`${TRANSFERS}?per_page=100`)).json().transfers).toHaveLength(20)
  })

  it('does not lose stock under concurrent opposite transfers', async () => {
    await stockIn(main, 10, 1)
    await stockIn(backup, 10, 1)
    const reverse = { from_warehouse_id: backup.id, to_warehouse_id: main.id }

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => transfer({ quantity: 1, ...(i % 2 ? reverse : {}) })),
    )

    expect(responses.map((r) => r.statusCode)).toEqual(Array.from({ length: 10 }, () => 201))
    const total = (await client.get(`/api/v1/inventory/items/${item.id}`)).json().item.total_quantity_on_hand
    expect(total).toBe(20)
  })
})
