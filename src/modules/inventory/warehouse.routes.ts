import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import {
  INVENTORY_TAGS as tags,
  READ_INVENTORY,
  WRITE_INVENTORY,
  bodyOf,
  userOf,
} from './inventory-route-config.js'
import { assertPresent, isActiveOnly } from './inventory-values.rules.js'
import { MessageJson } from './stock-item.schemas.js'
import { fromWarehouseBody, toWarehouseJson, toWarehouseListJson } from './warehouse.presenter.js'
import {
  WarehouseBody,
  WarehouseEnvelopeJson,
  WarehouseIdParams,
  WarehouseListJson,
  WarehouseListQuery,
  WarehouseSavedJson,
} from './warehouse.schemas.js'
import type { WarehouseService } from './warehouse.service.js'

export interface WarehouseRoutesOptions {
  warehouses: WarehouseService
  appTimezone: string
}

const ONE_WAREHOUSE = `/inventory/warehouses/:id${ID_PATTERN}`

/** `/api/v1/inventory/warehouses` (api-extended.md §2.4). */
export const warehouseRoutes: FastifyPluginAsyncTypebox<WarehouseRoutesOptions> = async (
  app,
  { warehouses, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)

  app.get(
    '/inventory/warehouses',
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'List warehouses by code',
        querystring: WarehouseListQuery,
        response: withErrors({ 200: WarehouseListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await warehouses.list(isActiveOnly(request.query.active_only), page)
      return toWarehouseListJson(result, page, writer(request, reply))
    },
  )

  app.get(
    ONE_WAREHOUSE,
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'Get a warehouse',
        params: WarehouseIdParams,
        response: withErrors({ 200: WarehouseEnvelopeJson }),
      },
    },
    async (request, reply) => ({
      warehouse: toWarehouseJson(await warehouses.get(Number(request.params.id)), writer(request, reply)),
    }),
  )

  app.post(
    '/inventory/warehouses',
    {
      config: WRITE_INVENTORY,
      preValidation: async (request) => assertPresent(bodyOf(request), ['name', 'code']),
      schema: {
        tags,
        summary: 'Create a warehouse',
        body: WarehouseBody,
        response: withErrors({ 201: WarehouseSavedJson }),
      },
    },
    async (request, reply) => {
      const warehouse = await warehouses.create(userOf(request), fromWarehouseBody(request.body))
      return reply.code(201).send({
        message: 'Warehouse created successfully',
        warehouse: toWarehouseJson(warehouse, writer(request, reply)),
      })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: ONE_WAREHOUSE,
    config: WRITE_INVENTORY,
    schema: {
      tags,
      summary: 'Update a warehouse (partial)',
      params: WarehouseIdParams,
      body: WarehouseBody,
      response: withErrors({ 200: WarehouseSavedJson }),
    },
    handler: async (request, reply) => {
      const warehouse = await warehouses.update(Number(request.params.id), fromWarehouseBody(request.body))
      return {
        message: 'Warehouse updated successfully',
        warehouse: toWarehouseJson(warehouse, writer(request, reply)),
      }
    },
  })

  app.delete(
    ONE_WAREHOUSE,
    {
      config: WRITE_INVENTORY,
      schema: {
        tags,
        summary: 'Deactivate a warehouse',
        params: WarehouseIdParams,
        response: withErrors({ 200: MessageJson }),
      },
    },
    async (request) => {
      await warehouses.deactivate(Number(request.params.id))
      return { message: 'Warehouse deactivated successfully' }
    },
  )
}
