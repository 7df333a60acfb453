import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { datetimeWriter } from '../../http/datetime-output.js'
import { withErrors } from '../../http/schemas.js'
import { INVENTORY_TAGS as tags, WRITE_INVENTORY, bodyOf, userOf } from './inventory-route-config.js'
import { fromMovementBody, toMovementRecordedJson } from './stock-movement.presenter.js'
import { assertMovementPresence, toMovementInput } from './stock-movement.rules.js'
import { MovementBody, MovementRecordedJson } from './stock-movement.schemas.js'
import type { StockMovementService } from './stock-movement.service.js'

export interface StockMovementRoutesOptions {
  movements: StockMovementService
  appTimezone: string
}

/** `POST /api/v1/inventory/movements` (api-extended.md §2.6). */
export const stockMovementRoutes: FastifyPluginAsyncTypebox<StockMovementRoutesOptions> = async (
  app,
  { movements, appTimezone },
) => {
  app.post(
    '/inventory/movements',
    {
      config: WRITE_INVENTORY,
      // Check 1 of §2.6.1 answers before any type check.
      preValidation: async (request) => assertMovementPresence(bodyOf(request)),
      schema: {
        tags,
        summary: 'Record a stock movement (adjusts on-hand and the valuation lots)',
        body: MovementBody,
        response: withErrors({ 201: MovementRecordedJson }),
      },
    },
    async (request, reply) => {
      const result = await movements.record(userOf(request), toMovementInput(fromMovementBody(request.body)))
      return reply.code(201).send(toMovementRecordedJson(result, datetimeWriter(request, reply, appTimezone)))
    },
  )
}
