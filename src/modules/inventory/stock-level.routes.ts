import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { datetimeWriter } from '../../http/datetime-output.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import { INVENTORY_TAGS as tags, READ_INVENTORY } from './inventory-route-config.js'
import { integerQuery } from './inventory-values.rules.js'
import { StockItemIdParams } from './stock-item.schemas.js'
import { fromStockLevelQuery, toAvailabilityJson, toStockLevelListJson } from './stock-level.presenter.js'
import {
  AvailabilityJson,
  AvailabilityQuery,
  StockLevelListJson,
  StockLevelQuery,
} from './stock-level.schemas.js'
import type { StockLevelService } from './stock-level.service.js'

export interface StockLevelRoutesOptions {
  levels: StockLevelService
  appTimezone: string
}

/** `/api/v1/inventory/stock-levels` and `/inventory/items/{id}/availability` (api-extended.md §2.5). */
export const stockLevelRoutes: FastifyPluginAsyncTypebox<StockLevelRoutesOptions> = async (
  app,
  { levels, appTimezone },
) => {
  app.get(
    '/inventory/stock-levels',
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'Stock per warehouse and item, by warehouse code then item name',
        querystring: StockLevelQuery,
        response: withErrors({ 200: StockLevelListJson }),
      },
    },
    async (request, reply) =>
      toStockLevelListJson(
        await levels.list(fromStockLevelQuery(request.query)),
        datetimeWriter(request, reply, appTimezone),
      ),
  )

  app.get(
    `/inventory/items/:id${ID_PATTERN}/availability`,
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: "An item's stock in each warehouse that holds a row for it",
        params: StockItemIdParams,
        querystring: AvailabilityQuery,
        response: withErrors({ 200: AvailabilityJson }),
      },
    },
    async (request) =>
      toAvailabilityJson(
        await levels.availability(Number(request.params.id), integerQuery(request.query.warehouse_id)),
      ),
  )
}
