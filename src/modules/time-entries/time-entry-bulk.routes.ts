import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { withErrors } from '../../http/schemas.js'
import { fromBulkBody, toBulkResultJson } from './time-entry-bulk.presenter.js'
import { BulkBody, BulkResultJson } from './time-entry-bulk.schemas.js'
import type { TimeEntryBulkService } from './time-entry-bulk.service.js'

export interface TimeEntryBulkRoutesOptions {
  bulk: TimeEntryBulkService
}

const actingUser = (request: FastifyRequest) => (request.actor as Actor).user

/** `POST /api/v1/time-entries/bulk` (api-core.md §12.9). */
export const timeEntryBulkRoutes: FastifyPluginAsyncTypebox<TimeEntryBulkRoutesOptions> = async (
  app,
  options,
) => {
  app.post(
    '/time-entries/bulk',
    {
      config: { scope: 'write:time_entries' },
      schema: {
        tags: ['Time entries'],
        summary: 'Delete, mark billable or paid, or tag many time entries at once',
        description: 'All changes are made in one transaction; running entries are skipped and not counted.',
        body: BulkBody,
        response: withErrors({ 200: BulkResultJson }),
      },
    },
    async (request) => {
      const affected = await options.bulk.apply(actingUser(request), fromBulkBody(request.body))
      return toBulkResultJson(affected)
    },
  )
}
