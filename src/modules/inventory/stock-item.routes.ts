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
import { assertPresent } from './inventory-values.rules.js'
import {
  fromStockItemBody,
  fromStockItemListQuery,
  toStockItemJson,
  toStockItemListJson,
} from './stock-item.presenter.js'
import {
  CreateStockItemBody,
  MessageJson,
  StockItemEnvelopeJson,
  StockItemIdParams,
  StockItemListJson,
  StockItemListQuery,
  StockItemSavedJson,
  UpdateStockItemBody,
} from './stock-item.schemas.js'
import type { StockItemService } from './stock-item.service.js'

export interface StockItemRoutesOptions {
  items: StockItemService
  appTimezone: string
}

const ONE_ITEM = `/inventory/items/:id${ID_PATTERN}`

/** `/api/v1/inventory/items` (api-extended.md §2.3). */
export const stockItemRoutes: FastifyPluginAsyncTypebox<StockItemRoutesOptions> = async (
  app,
  { items, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)

  app.get(
    '/inventory/items',
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'List stock items by name',
        querystring: StockItemListQuery,
        response: withErrors({ 200: StockItemListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const result = await items.list(fromStockItemListQuery(request.query), page)
      return toStockItemListJson(result, page, writer(request, reply))
    },
  )

  app.get(
    ONE_ITEM,
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'Get a stock item with its stock totals',
        params: StockItemIdParams,
        response: withErrors({ 200: StockItemEnvelopeJson }),
      },
    },
    async (request, reply) => ({
      item: toStockItemJson(await items.get(Number(request.params.id)), writer(request, reply)),
    }),
  )

  app.post(
    '/inventory/items',
    {
      config: WRITE_INVENTORY,
      // The contract's presence check answers before any type check.
      preValidation: async (request) => assertPresent(bodyOf(request), ['sku', 'name']),
      schema: {
        tags,
        summary: 'Create a stock item',
        body: CreateStockItemBody,
        response: withErrors({ 201: StockItemSavedJson }),
      },
    },
    async (request, reply) => {
      const item = await items.create(userOf(request), fromStockItemBody(request.body))
      return reply.code(201).send({
        message: 'Stock item created successfully',
        item: toStockItemJson(item, writer(request, reply)),
      })
    },
  )

  app.route({
    method: ['PUT', 'PATCH'],
    url: ONE_ITEM,
    config: WRITE_INVENTORY,
    schema: {
      tags,
      summary: 'Update a stock item (partial; the SKU cannot change)',
      params: StockItemIdParams,
      body: UpdateStockItemBody,
      response: withErrors({ 200: StockItemSavedJson }),
    },
    handler: async (request, reply) => {
      const item = await items.update(Number(request.params.id), fromStockItemBody(request.body))
      return {
        message: 'Stock item updated successfully',
        item: toStockItemJson(item, writer(request, reply)),
      }
    },
  })

  app.delete(
    ONE_ITEM,
    {
      config: WRITE_INVENTORY,
      schema: {
        tags,
        summary: 'Deactivate a stock item',
        params: StockItemIdParams,
        response: withErrors({ 200: MessageJson }),
      },
    },
    async (request) => {
      await items.deactivate(Number(request.params.id))
      return { message: 'Stock item deactivated successfully' }
    },
  )
}
