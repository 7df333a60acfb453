import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../../errors.js'
import type { Actor } from '../../http/actor.js'
import { ErrorJson, withErrors } from '../../http/schemas.js'
import { csvTextOf, importBodyFromJson, toImportSummaryJson } from './time-entry-import.presenter.js'
import { ImportCsvBody, ImportSummaryJson } from './time-entry-import.schemas.js'
import type { TimeEntryImportService } from './time-entry-import.service.js'

export interface TimeEntryImportRoutesOptions {
  imports: TimeEntryImportService
}

/** 50 MiB: about half a million rows; every other route keeps the global 1 MiB. */
export const IMPORT_BODY_LIMIT_BYTES = 50 * 1024 * 1024

const TOO_LARGE = new Set(['FST_ERR_CTP_BODY_TOO_LARGE', 'FST_REQ_FILE_TOO_LARGE'])
// busboy's messages for a form it cannot read; they carry no status and would end as a 500.
const MALFORMED_FORM = /^(Multipart: |Unexpected end of (form|file)|Malformed part header)/

type ParserDone = (error: Error | null, value?: unknown) => void

const actingUser = (request: FastifyRequest) => (request.actor as Actor).user

/**
 * This plugin's own body rules (api-core.md §1.1 exception): multipart, JSON and any other
 * content type read as UTF-8 text, invalid bytes replaced, up to IMPORT_BODY_LIMIT_BYTES.
 */
async function registerImportBodies(app: FastifyInstance): Promise<void> {
  app.removeAllContentTypeParsers()
  const limits = { fileSize: IMPORT_BODY_LIMIT_BYTES, fieldSize: IMPORT_BODY_LIMIT_BYTES }
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits })
  const parseJson = (_request: FastifyRequest, body: string | Buffer, done: ParserDone) =>
    done(null, importBodyFromJson(body.toString('utf8')))
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson)
  app.addContentTypeParser(/^application\/[\w.+-]+\+json$/, { parseAs: 'buffer' }, parseJson)
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, (body as Buffer).toString('utf8')),
  )
  // The shared handler names the global 1 MiB limit, and knows nothing of multipart forms.
  app.setErrorHandler((error: FastifyError) => {
    if (TOO_LARGE.has(error.code)) {
      throw new AppError('payload_too_large', 'payload_too_large', 'Request body is too large (limit 50 MiB)')
    }
    if (error.statusCode === undefined && MALFORMED_FORM.test(error.message)) {
      throw new AppError('invalid', 'bad_request', `Invalid multipart body: ${error.message}`)
    }
    throw error
  })
}

/** `POST /api/v1/time-entries/import-csv` (api-core.md §12.8), in a plugin of its own for its body rules. */
export const timeEntryImportRoutes: FastifyPluginAsyncTypebox<TimeEntryImportRoutesOptions> = async (
  app,
  options,
) => {
  await registerImportBodies(app)
  app.post(
    '/time-entries/import-csv',
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      config: { scope: 'write:time_entries' },
      schema: {
        tags: ['Time entries'],
        summary: 'Import time entries from CSV',
        description:
          'The CSV comes as the multipart field `file`, as `csv` (or `data`) of a JSON body, or as the raw body of any other content type (text/csv, text/plain, …). Each row is imported on its own; the answer is 200 with a summary once the header is readable.',
        body: ImportCsvBody,
        response: withErrors({ 200: ImportSummaryJson, 413: ErrorJson }),
      },
    },
    async (request) => {
      const summary = await options.imports.importCsv(actingUser(request), csvTextOf(request.body))
      return toImportSummaryJson(summary)
    },
  )
}
