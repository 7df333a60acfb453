import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
import { datetimeWriter } from '../../http/datetime-output.js'
import { withErrors } from '../../http/schemas.js'
import { INVENTORY_TAGS as tags, READ_INVENTORY } from './inventory-route-config.js'
import { integerQuery } from './inventory-values.rules.js'
import {
  fromMovementHistoryQuery,
  fromTurnoverQuery,
  fromValuationQuery,
  toLowStockJson,
  toMovementHistoryJson,
  toTurnoverJson,
  toValuationJson,
} from './inventory-report.presenter.js'
import {
  LowStockJson,
  LowStockQuery,
  MovementHistoryJson,
  MovementHistoryQuery,
  TurnoverJson,
  TurnoverQuery,
  ValuationJson,
  ValuationQuery,
} from './inventory-report.schemas.js'
import type { InventoryReportService } from './inventory-report.service.js'

export interface InventoryReportRoutesOptions {
  reports: InventoryReportService
  appTimezone: string
}

/** `/api/v1/inventory/reports/*` (api-extended.md §2.8). */
export const inventoryReportRoutes: FastifyPluginAsyncTypebox<InventoryReportRoutesOptions> = async (
  app,
  { reports, appTimezone },
) => {
  const schema = <Q extends TSchema, R extends TSchema>(summary: string, querystring: Q, ok: R) => ({
    tags,
    summary,
    querystring,
    response: withErrors({ 200: ok }),
  })

  app.get(
    '/inventory/reports/valuation',
    {
      config: READ_INVENTORY,
      schema: schema('Stock value per warehouse, category and item', ValuationQuery, ValuationJson),
    },
    async (request) => {
      const filter = fromValuationQuery(request.query)
      return toValuationJson(await reports.valuation(filter), filter)
    },
  )

  app.get(
    '/inventory/reports/movement-history',
    {
      config: READ_INVENTORY,
      schema: schema('Stock movements, newest first', MovementHistoryQuery, MovementHistoryJson),
    },
    async (request, reply) => {
      const { filter, page } = fromMovementHistoryQuery(request.query, appTimezone)
      const history = await reports.movementHistory(filter, page)
      return toMovementHistoryJson(history, datetimeWriter(request, reply, appTimezone))
    },
  )

  app.get(
    '/inventory/reports/turnover',
    { config: READ_INVENTORY, schema: schema('Sales turnover per item', TurnoverQuery, TurnoverJson) },
    async (request, reply) => {
      const { range, itemId } = fromTurnoverQuery(request.query, appTimezone)
      return toTurnoverJson(
        await reports.turnover(range, itemId),
        datetimeWriter(request, reply, appTimezone),
      )
    },
  )

  app.get(
    '/inventory/reports/low-stock',
    {
      config: READ_INVENTORY,
      schema: schema('Stock rows below their reorder point', LowStockQuery, LowStockJson),
    },
    async (request) => toLowStockJson(await reports.lowStock(integerQuery(request.query.warehouse_id))),
  )
}
