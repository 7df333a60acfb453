import cookie from '@fastify/cookie'
import cors, { type FastifyCorsOptions } from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify'
import type { Logger } from 'pino'
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Dependencies } from './dependencies.js'
import { registerAuthentication } from './http/auth.js'
import { registerJsonBodies } from './http/body-parsing.js'
import { registerIdempotency } from './http/idempotency.js'
import { datetimeWriter } from './http/datetime-output.js'
import { registerErrorHandling } from './http/errors.js'
import { FIELD_FORMATS } from './http/field-types.js'
import { registerOpenApi } from './http/openapi.js'
import { registerSetupRedirect } from './http/setup-redirect.js'
import { authRoutes } from './modules/auth/auth.routes.js'
import { clientRoutes } from './modules/clients/client.routes.js'
import { contactRoutes } from './modules/contacts/contact.routes.js'
import { dealRoutes } from './modules/deals/deal.routes.js'
import { leadRoutes } from './modules/leads/lead.routes.js'
import { eventsRoutes } from './modules/events/events.routes.js'
import { inventoryReportRoutes } from './modules/inventory/inventory-report.routes.js'
import { stockItemRoutes } from './modules/inventory/stock-item.routes.js'
import { stockLevelRoutes } from './modules/inventory/stock-level.routes.js'
import { stockMovementRoutes } from './modules/inventory/stock-movement.routes.js'
import { stockTransferRoutes } from './modules/inventory/stock-transfer.routes.js'
import { warehouseRoutes } from './modules/inventory/warehouse.routes.js'
import { projectRoutes } from './modules/projects/project.routes.js'
import { quoteRoutes } from './modules/quotes/quote.routes.js'
import { reportsRoutes } from './modules/reports/reports.routes.js'
import { searchRoutes } from './modules/search/search.routes.js'
import { sessionRoutes } from './modules/sessions/session.routes.js'
import { setupRoutes } from './modules/setup/setup.routes.js'
import { systemRoutes } from './modules/system/system.routes.js'
import { taskRoutes } from './modules/tasks/task.routes.js'
import { timeEntryBulkRoutes } from './modules/time-entries/time-entry-bulk.routes.js'
import { timeEntryImportRoutes } from './modules/time-entries/time-entry-import.routes.js'
import { timeEntryRoutes } from './modules/time-entries/time-entry.routes.js'
import { approvalRoutes } from './modules/time-entry-approvals/approval.routes.js'
import { timerRoutes } from './modules/timer/timer.routes.js'
import { toUserJson } from './modules/users/user.presenter.js'
import { usersRoutes } from './modules/users/users.routes.js'
import { webhookRoutes } from './modules/webhooks/webhook.routes.js'
import type { User } from './modules/users/user.types.js'

const packageJson = createRequire(import.meta.url)('../package.json') as { version?: string }
export const APP_VERSION = packageJson.version ?? '1.0.0'

/** 1 MiB: larger bodies are answered 413 in the error envelope. */
export const BODY_LIMIT_BYTES = 1024 * 1024

/** Ajv as the contract needs it: every field error at once (api-core.md §2.3), the failing value for "may not be null", no silent coercion. */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  coerceTypes: false,
  removeAdditional: false,
  // The lenient datetime and date formats of api-core.md §1.2 (DatetimeField, DateField).
  formats: FIELD_FORMATS,
} as const

/** CORS of api-core.md §1.4: any origin, preflights without auth, also for unknown paths. */
const API_CORS: FastifyCorsOptions = {
  origin: (origin, callback) => callback(null, origin ?? '*'),
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'X-Request-ID', 'X-API-Key', 'Idempotency-Key'],
  exposedHeaders: [
    'X-RateLimit-Limit',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
    'Retry-After',
    'X-Request-ID',
    'Preference-Applied',
  ],
  maxAge: 600,
  optionsSuccessStatus: 204,
  strictPreflight: false,
}

function requestId(request: { headers: Record<string, string | string[] | undefined> }): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID()
}

/** The Fastify application with every option, hook and route; it never listens. */
export async function buildApp(deps: Dependencies, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    // The cast keeps Fastify's default logger type, so plugins typed for it accept this instance.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: deps.config.trustProxy,
    genReqId: requestId,
    requestIdLogLabel: 'request_id',
    return503OnClosing: false,
    ajv: { customOptions: AJV_OPTIONS },
  }).withTypeProvider<TypeBoxTypeProvider>()

  // While closing, answers end their connection so keep-alive clients do not hold the shutdown up.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
    deps.eventStreams.closeAll()
    await deps.eventFeed.stop()
  })
  // Webhook attempts run beside the server: from the first request or listen until close.
  app.addHook('onReady', async () => deps.webhookDispatcher.start())
  app.addHook('onClose', async () => deps.webhookDispatcher.stop())
  app.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-ID', request.id)
    if (closing) void reply.header('Connection', 'close')
  })
  registerErrorHandling(app)
  registerJsonBodies(app)
  await app.register(cookie, { secret: deps.config.secretKey })
  // At the root, before the set-up redirect and authentication: preflights answer 204 first,
  // and 404/405 answers under /api/v1 carry the headers too. Other paths get no CORS.
  await app.register(cors, {
    delegator: (request, callback) =>
      callback(null, /^\/api\/v1(\/|\?|$)/.test(request.url) ? API_CORS : { origin: false }),
  })
  registerSetupRedirect(app, deps.setup)
  registerAuthentication(app, {
    tokens: deps.tokens,
    sessions: deps.sessions,
    rateLimiter: deps.tokenRateLimiter,
    settings: deps.settings,
  })
  registerIdempotency(app, deps.idempotency)
  await registerOpenApi(app, APP_VERSION)

  const presentUser = async (user: User, request: FastifyRequest, reply: FastifyReply) =>
    toUserJson(user, {
      write: datetimeWriter(request, reply, deps.config.appTimezone),
      now: deps.clock.now(),
      settings: await deps.settings.get(),
      appTimezone: deps.config.appTimezone,
      workedSeconds: await deps.users.workedSeconds([user.id]),
    })
  const secureCookies = deps.config.publicUrl.startsWith('https:')

  await app.register(
    async (api) => {
      await api.register(systemRoutes, {
        settings: deps.settings,
        setup: deps.setup,
        clock: deps.clock,
        appVersion: APP_VERSION,
        appTimezone: deps.config.appTimezone,
      })
      await api.register(authRoutes, { login: deps.login })
      await api.register(usersRoutes, {
        users: deps.users,
        settings: deps.settings,
        clock: deps.clock,
        appTimezone: deps.config.appTimezone,
      })
      await api.register(reportsRoutes, { reports: deps.reports, appTimezone: deps.config.appTimezone })
      await api.register(quoteRoutes, { quotes: deps.quotes, appTimezone: deps.config.appTimezone })
      await api.register(projectRoutes, { projects: deps.projects, appTimezone: deps.config.appTimezone })
      await api.register(clientRoutes, { clients: deps.clients, appTimezone: deps.config.appTimezone })
      await api.register(dealRoutes, { deals: deps.deals, appTimezone: deps.config.appTimezone })
      await api.register(leadRoutes, { leads: deps.leads, appTimezone: deps.config.appTimezone })
      await api.register(contactRoutes, { contacts: deps.contacts, appTimezone: deps.config.appTimezone })
      await api.register(taskRoutes, { tasks: deps.tasks, appTimezone: deps.config.appTimezone })
      await api.register(searchRoutes, { search: deps.search })
      await api.register(eventsRoutes, { streams: deps.eventStreams })
      await api.register(timeEntryRoutes, {
        entries: deps.timeEntries,
        clock: deps.clock,
        appTimezone: deps.config.appTimezone,
      })
      await api.register(timeEntryImportRoutes, { imports: deps.timeEntryImport })
      await api.register(timeEntryBulkRoutes, { bulk: deps.timeEntryBulk })
      await api.register(approvalRoutes, {
        approvals: deps.timeEntryApprovals,
        appTimezone: deps.config.appTimezone,
      })
      await api.register(webhookRoutes, { webhooks: deps.webhooks, appTimezone: deps.config.appTimezone })
      await api.register(timerRoutes, {
        timer: deps.timer,
        clock: deps.clock,
        appTimezone: deps.config.appTimezone,
      })
      // Inventory (api-extended.md §2).
      const appTimezone = deps.config.appTimezone
      await api.register(stockItemRoutes, { items: deps.stockItems, appTimezone })
      await api.register(warehouseRoutes, { warehouses: deps.warehouses, appTimezone })
      await api.register(stockLevelRoutes, { levels: deps.stockLevels, appTimezone })
      await api.register(stockMovementRoutes, { movements: deps.stockMovements, appTimezone })
      await api.register(stockTransferRoutes, { transfers: deps.stockTransfers, appTimezone })
      await api.register(inventoryReportRoutes, { reports: deps.inventoryReports, appTimezone })
    },
    { prefix: '/api/v1' },
  )
  await app.register(sessionRoutes, {
    login: deps.login,
    sessions: deps.sessions,
    presentUser,
    secureCookies,
  })
  await app.register(setupRoutes, { setup: deps.setup, secureCookies })
  return app
}
