import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { datetimeWriter } from '../../http/datetime-output.js'
import { parsePageRequest } from '../../http/pagination.js'
import { withErrors } from '../../http/schemas.js'
import {
  INVENTORY_TAGS as tags,
  READ_INVENTORY,
  WRITE_INVENTORY,
  bodyOf,
  userOf,
} from './inventory-route-config.js'
import { dateRange } from './inventory-values.rules.js'
import {
  fromTransferBody,
  toTransferCreatedJson,
  toTransferJson,
  toTransferListJson,
} from './stock-transfer.presenter.js'
import { assertTransferPresence, toTransferInput } from './stock-transfer.rules.js'
import {
  TransferBody,
  TransferCreatedJson,
  TransferEnvelopeJson,
  TransferListJson,
  TransferListQuery,
  TransferParams,
} from './stock-transfer.schemas.js'
import type { StockTransferService } from './stock-transfer.service.js'

export interface StockTransferRoutesOptions {
  transfers: StockTransferService
  appTimezone: string
}

/** Reference ids are millisecond timestamps: positive integers of up to 15 digits (below 2^53). */
const REFERENCE_PATTERN = '(^0*[1-9]\\d{0,14}$)'

/** `/api/v1/inventory/transfers` (api-extended.md §2.7). */
export const stockTransferRoutes: FastifyPluginAsyncTypebox<StockTransferRoutesOptions> = async (
  app,
  { transfers, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)

  app.get(
    '/inventory/transfers',
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'List transfers by their latest movement, newest first',
        querystring: TransferListQuery,
        response: withErrors({ 200: TransferListJson }),
      },
    },
    async (request, reply) => {
      const page = parsePageRequest(request.query)
      const range = dateRange(
        { dateFrom: request.query.date_from, dateTo: request.query.date_to },
        appTimezone,
      )
      return toTransferListJson(await transfers.list(range, page), page, writer(request, reply))
    },
  )

  app.get(
    `/inventory/transfers/:reference_id${REFERENCE_PATTERN}`,
    {
      config: READ_INVENTORY,
      schema: {
        tags,
        summary: 'Get a transfer with its two movements',
        params: TransferParams,
        response: withErrors({ 200: TransferEnvelopeJson }),
      },
    },
    async (request, reply) =>
      toTransferJson(await transfers.get(Number(request.params.reference_id)), writer(request, reply)),
  )

  app.post(
    '/inventory/transfers',
    {
      config: WRITE_INVENTORY,
      // Check 1 of §2.7 answers before any type check.
      preValidation: async (request) => assertTransferPresence(bodyOf(request)),
      schema: {
        tags,
        summary: 'Transfer stock between warehouses',
        body: TransferBody,
        response: withErrors({ 201: TransferCreatedJson }),
      },
    },
    async (request, reply) => {
      const pair = await transfers.create(userOf(request), toTransferInput(fromTransferBody(request.body)))
      return reply.code(201).send(toTransferCreatedJson(pair, writer(request, reply)))
    },
  )
}
