import type { LightMyRequestResponse } from 'fastify'
import { bearer, createToken, createUser } from './factories.js'
import type { TestApp } from './harness.js'

/** A user with a token and helpers that call the inventory API as them (api-extended.md §2). */
export interface InventoryClient {
  userId: number
  token: string
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  send(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>
  /** Creates an item (201 expected) and returns its JSON. */
  item(body?: Record<string, unknown>): Promise<Record<string, any>>
  /** Creates a warehouse (201 expected) and returns its JSON. */
  warehouse(body?: Record<string, unknown>): Promise<Record<string, any>>
  /** Records a movement (201 expected) and returns the body. */
  move(body: Record<string, unknown>): Promise<Record<string, any>>
}

let sequence = 0

export async function inventoryClient(
  t: TestApp,
  options: { role?: string; scopes?: string[] } = {},
): Promise<InventoryClient> {
  const user = await createUser(t.deps, { role: options.role ?? 'user' })
  const token = await createToken(t.deps, user, options.scopes ?? ['read:inventory', 'write:inventory'])
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { ...bearer(token), ...headers } })
  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    })
  const created = async (url: string, body: Record<string, unknown>) => {
    const response = await send('POST', url, body)
    if (response.statusCode !== 201) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`)
    return response.json<Record<string, any>>()
  }
  return {
    userId: user.id,
    token,
    get,
    send,
    item: async (body = {}) => {
      sequence += 1
      return (
        await created('/api/v1/inventory/items', {
          sku: `SKU-${sequence}`,
          name: `Item ${sequence}`,
          ...body,
        })
      ).item as Record<string, any>
    },
    warehouse: async (body = {}) => {
      sequence += 1
      return (
        await created('/api/v1/inventory/warehouses', {
          code: `WH-${sequence}`,
          name: `Warehouse ${sequence}`,
          ...body,
        })
      ).warehouse as Record<string, any>
    },
    move: (body) => created('/api/v1/inventory/movements', body),
  }
}

/** Sets the modules an administrator switched off (api-extended.md §8.3). */
export async function disableModules(t: TestApp, ids: string[]): Promise<void> {
  await t.deps.database.db
    .updateTable('settings')
    .set({ disabledModuleIds: JSON.stringify(ids) })
    .execute()
}

/** Row counts of the inventory tables, to show that a failed request wrote nothing. */
export async function inventoryRowCounts(t: TestApp): Promise<Record<string, number>> {
  const db = t.deps.database.db
  const tables = [
    'stockItems',
    'warehouses',
    'warehouseStock',
    'stockMovements',
    'stockLots',
    'stockLotAllocations',
    'stockTransferReferences',
  ] as const
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

/** The ids of the objects listed under `key` in a JSON response. */
export function idsOf(response: LightMyRequestResponse, key = 'items'): number[] {
  return response.json<Record<string, { id: number }[]>>()[key]?.map((row) => row.id) ?? []
}

/** The item's lots in a warehouse as `[type, quantity, unit cost]`, in id order (internal, §2.2). */
export async function lotsOf(
  t: TestApp,
  itemId: number,
  warehouseId: number,
): Promise<[string, number, number][]> {
  const rows = await t.deps.database.db
    .selectFrom('stockLots')
    .select(['lotType', 'quantityOnHandHundredths', 'unitCostCents'])
    .where('stockItemId', '=', itemId)
    .where('warehouseId', '=', warehouseId)
    .orderBy('id')
    .execute()
  return rows.map((row) => [
    row.lotType,
    Number(row.quantityOnHandHundredths) / 100,
    Number(row.unitCostCents) / 100,
  ])
}
