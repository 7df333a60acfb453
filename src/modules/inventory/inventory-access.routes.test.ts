import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer } from '../../../test/factories.js'
import { disableModules, inventoryClient, inventoryRowCounts } from '../../../test/inventory-factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

const V1 = '/api/v1/inventory'
const READS: [Method, string][] = [
  ['GET', `${V1}/items`],
  ['GET', `${V1}/items/1`],
  ['GET', `${V1}/items/1/availability`],
  ['GET', `${V1}/warehouses`],
  ['GET', `${V1}/warehouses/1`],
  ['GET', `${V1}/stock-levels`],
  ['GET', `${V1}/transfers`],
  ['GET', `${V1}/transfers/1767225600123`],
  ['GET', `${V1}/reports/valuation`],
  ['GET', `${V1}/reports/movement-history`],
  ['GET', `${V1}/reports/turnover`],
  ['GET', `${V1}/reports/low-stock`],
]
const WRITES: [Method, string][] = [
  ['POST', `${V1}/items`],
  ['PUT', `${V1}/items/1`],
  ['PATCH', `${V1}/items/1`],
  ['DELETE', `${V1}/items/1`],
  ['POST', `${V1}/warehouses`],
  ['PUT', `${V1}/warehouses/1`],
  ['PATCH', `${V1}/warehouses/1`],
  ['DELETE', `${V1}/warehouses/1`],
  ['POST', `${V1}/movements`],
  ['POST', `${V1}/transfers`],
]

describe.each(dialects)('inventory scopes and module gate on $name', ({ name }) => {
  let t: TestApp

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name, env: { API_TOKEN_RATE_LIMIT_PER_MINUTE: '1000' } })
  })

  afterEach(async () => t?.close())

  const call = (token: string, method: Method, url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })

  it('answers module_disabled on every route, for admins too, before validation or lookup', async () => {
    const admin = await inventoryClient(t, { role: 'admin', scopes: ['admin:all'] })
    await disableModules(t, ['inventory'])

    for (const [method, url] of [...READS, ...WRITES]) {
      const payload =
        method === 'GET' || method === 'DELETE' ? undefined : { quantity: 'not a number', name: 5 }
      const response = await call(admin.token, method, url, payload)

      expect(response.statusCode, `${method} ${url}`).toBe(403)
      expect(response.json(), `${method} ${url}`).toEqual({
        success: false,
        error: 'module_disabled',
        message: 'inventory module is disabled by the administrator.',
        error_code: 'forbidden',
      })
    }
    expect((await inventoryRowCounts(t)).stockItems).toBe(0)
  })

  it('checks scopes before the module: a token without them gets 403 naming the alternatives', async () => {
    const client = await inventoryClient(t, { scopes: ['read:time_entries', 'write:time_entries'] })
    await disableModules(t, ['inventory'])

    const read = await call(client.token, 'GET', `${V1}/items`)
    const write = await call(client.token, 'POST', `${V1}/movements`, {})

    expect(read.statusCode).toBe(403)
    expect(read.json()).toEqual({
      success: false,
      error: 'Insufficient permissions',
      message: 'This endpoint requires one of: "read:inventory, read:projects"',
      error_code: 'forbidden',
      required_scope: 'read:inventory, read:projects',
      available_scopes: ['read:time_entries', 'write:time_entries'],
    })
    expect(write.json()).toMatchObject({
      message: 'This endpoint requires one of: "write:inventory, write:projects"',
      required_scope: 'write:inventory, write:projects',
    })
  })

  it('lets read:inventory read every inventory route but not projects, and not write', async () => {
    const reader = await inventoryClient(t, { scopes: ['read:inventory'] })

    for (const [method, url] of READS) {
      const response = await call(reader.token, method, url)
      expect([200, 404], `${method} ${url}`).toContain(response.statusCode)
    }
    const projects = await call(reader.token, 'GET', '/api/v1/projects')
    const write = await call(reader.token, 'POST', `${V1}/items`, { sku: 'A', name: 'B' })

    expect(projects.statusCode).toBe(403)
    expect(write.statusCode).toBe(403)
  })

  it('accepts read:projects and write:projects for backward compatibility, and the wildcards', async () => {
    const legacy = await inventoryClient(t, { scopes: ['read:projects', 'write:projects'] })
    const wildcard = await inventoryClient(t, { scopes: ['read:*', 'write:*'] })

    const created = await call(legacy.token, 'POST', `${V1}/items`, { sku: 'LEG', name: 'Legacy' })
    const listed = await call(legacy.token, 'GET', `${V1}/items`)
    const viaWildcard = await call(wildcard.token, 'POST', `${V1}/warehouses`, { code: 'W', name: 'W' })

    expect(created.statusCode).toBe(201)
    expect(listed.statusCode).toBe(200)
    expect(viaWildcard.statusCode).toBe(201)
  })

  it('keeps the module on when other modules are disabled (inventory depends on none)', async () => {
    const client = await inventoryClient(t)
    await disableModules(t, ['clients', 'quotes'])

    const response = await client.get(`${V1}/items`)

    expect(response.statusCode).toBe(200)
  })
})
