import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { createDatabase, migrateToLatest, type DatabaseHandle } from './db/database.js'
import { UnitOfWork } from './db/unit-of-work.js'
import { EventOutbox } from './modules/events/event-outbox.js'
import { EventRepository } from './modules/events/event.repository.js'
import { EventFeed } from './modules/events/event-feed.js'
import { EventStreamService } from './modules/events/event-stream.service.js'
import { EventVisibility } from './modules/events/event-visibility.service.js'
import { TokenRateLimiter } from './http/rate-limit.js'
import { LoginThrottle } from './modules/auth/login-throttle.js'
import { IdempotencyRepository } from './modules/idempotency/idempotency.repository.js'
import { IdempotencyService } from './modules/idempotency/idempotency.service.js'
import { LoginService } from './modules/auth/login.service.js'
import { InventoryReportRepository } from './modules/inventory/inventory-report.repository.js'
import { InventoryReportService } from './modules/inventory/inventory-report.service.js'
import { StockItemRepository } from './modules/inventory/stock-item.repository.js'
import { StockItemService } from './modules/inventory/stock-item.service.js'
import { StockLedgerRepository } from './modules/inventory/stock-ledger.repository.js'
import { StockMovementService } from './modules/inventory/stock-movement.service.js'
import { StockRecorder } from './modules/inventory/stock-recorder.service.js'
import { StockTransferRepository } from './modules/inventory/stock-transfer.repository.js'
import { StockTransferService } from './modules/inventory/stock-transfer.service.js'
import { StockLevelRepository } from './modules/inventory/stock-level.repository.js'
import { StockLevelService } from './modules/inventory/stock-level.service.js'
import { WarehouseRepository } from './modules/inventory/warehouse.repository.js'
import { WarehouseService } from './modules/inventory/warehouse.service.js'
import { ClientRepository } from './modules/clients/client.repository.js'
import { ClientService } from './modules/clients/client.service.js'
import { ContactRepository } from './modules/contacts/contact.repository.js'
import { ContactService } from './modules/contacts/contact.service.js'
import { DealReferenceCheck } from './modules/deals/deal-references.service.js'
import { DealRepository } from './modules/deals/deal.repository.js'
import { DealService } from './modules/deals/deal.service.js'
import { LeadRepository } from './modules/leads/lead.repository.js'
import { LeadService } from './modules/leads/lead.service.js'
import { QuoteRepository } from './modules/quotes/quote.repository.js'
import { QuoteService } from './modules/quotes/quote.service.js'
import { ReportsRepository } from './modules/reports/reports.repository.js'
import { ReportsService } from './modules/reports/reports.service.js'
import { SessionRepository } from './modules/sessions/session.repository.js'
import { SessionService } from './modules/sessions/session.service.js'
import { SettingsRepository } from './modules/settings/settings.repository.js'
import { SettingsService } from './modules/settings/settings.service.js'
import { SetupService } from './modules/setup/setup.service.js'
import { ProjectRepository } from './modules/projects/project.repository.js'
import { ProjectService } from './modules/projects/project.service.js'
import { SearchRepository } from './modules/search/search.repository.js'
import { SearchService } from './modules/search/search.service.js'
import { SeedRepository } from './modules/seed/seed.repository.js'
import { SeedService } from './modules/seed/seed.service.js'
import { TaskRepository } from './modules/tasks/task.repository.js'
import { TaskService } from './modules/tasks/task.service.js'
import { TimeEntryBatchRepository } from './modules/time-entries/time-entry-batch.repository.js'
import { TimeEntryBulkService } from './modules/time-entries/time-entry-bulk.service.js'
import { TimeEntryExportService } from './modules/time-entries/time-entry-export.service.js'
import { TimeEntryImportService } from './modules/time-entries/time-entry-import.service.js'
import { TimeEntryTotalsRepository } from './modules/time-entries/time-entry-totals.repository.js'
import { TimeEntryReferences } from './modules/time-entries/time-entry-references.service.js'
import { TimeEntryEvents } from './modules/time-entries/time-entry.events.js'
import { TimeEntryRepository } from './modules/time-entries/time-entry.repository.js'
import { TimeEntryService } from './modules/time-entries/time-entry.service.js'
import { TimeEntryApprovalRepository } from './modules/time-entry-approvals/approval.repository.js'
import { TimeEntryApprovalService } from './modules/time-entry-approvals/approval.service.js'
import { TimerService } from './modules/timer/timer.service.js'
import { TokenRepository } from './modules/tokens/token.repository.js'
import { TokenService } from './modules/tokens/token.service.js'
import { UserRepository } from './modules/users/user.repository.js'
import { UserService } from './modules/users/user.service.js'
import { systemClock, type Clock } from './platform/clock.js'
import {
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
} from './platform/rate-limit-store.js'
import { createRedis } from './platform/redis.js'
import { deriveSecretsKey, SecretEncryption } from './platform/secret-encryption.js'
import { WebhookDeliveryRepository } from './modules/webhooks/webhook-delivery.repository.js'
import { WebhookDispatcher } from './modules/webhooks/webhook-dispatcher.js'
import { WebhookFanout } from './modules/webhooks/webhook-fanout.js'
import { WebhookSender } from './modules/webhooks/webhook-sender.js'
import { WebhookRepository } from './modules/webhooks/webhook.repository.js'
import { WebhookService } from './modules/webhooks/webhook.service.js'

export interface Dependencies {
  config: Config
  clock: Clock
  database: DatabaseHandle
  /** Service operations run in `units.run` to be atomic with the events they raise. */
  units: UnitOfWork
  /** The transactional event outbox (webhooks, live events). */
  events: EventOutbox
  /** Committed events of every process, in order, for this process's live streams. */
  eventFeed: EventFeed
  /** `GET /api/v1/events` connections. */
  eventStreams: EventStreamService
  redis: Redis | undefined
  rateLimitStore: RateLimitStore
  users: UserService
  tokens: TokenService
  sessions: SessionService
  settings: SettingsService
  setup: SetupService
  login: LoginService
  tokenRateLimiter: TokenRateLimiter
  idempotency: IdempotencyService
  reports: ReportsService
  quotes: QuoteService
  clients: ClientService
  deals: DealService
  leads: LeadService
  contacts: ContactService
  projects: ProjectService
  tasks: TaskService
  search: SearchService
  timeEntries: TimeEntryService
  timer: TimerService
  /** Time-entry approvals (api-extended.md §4). */
  timeEntryApprovals: TimeEntryApprovalService
  /** CSV import of time entries (HTTP and `stint import csv`). */
  timeEntryImport: TimeEntryImportService
  timeEntryBulk: TimeEntryBulkService
  /** `stint export csv`. */
  timeEntryExport: TimeEntryExportService
  /** `stint seed`: the demo and benchmark data set. */
  seed: SeedService
  /** Inventory (api-extended.md §2). */
  stockItems: StockItemService
  warehouses: WarehouseService
  stockLevels: StockLevelService
  stockMovements: StockMovementService
  stockTransfers: StockTransferService
  inventoryReports: InventoryReportService
  /** Encrypts integration and webhook secrets at rest (connectors.md §1.2). */
  secretEncryption: SecretEncryption
  webhooks: WebhookService
  /** Makes the webhook delivery attempts; the app starts it when ready and stops it on close. */
  webhookDispatcher: WebhookDispatcher
  /** Flushes buffered writes and closes every connection. */
  close(): Promise<void>
}

export interface DependencyOverrides {
  clock?: Clock
  database?: DatabaseHandle
  logger?: Pick<Logger, 'warn'>
}

/** The composition root: the only place that constructs services and stores. */
export function buildDependencies(config: Config, overrides: DependencyOverrides = {}): Dependencies {
  const clock = overrides.clock ?? systemClock
  const database = overrides.database ?? createDatabase(config.databaseUrl)
  const warn = (message: string, error: unknown) => overrides.logger?.warn({ err: error }, message)
  const redis = config.redisUrl
    ? createRedis(config.redisUrl, config.redisKeyPrefix, (error) => warn('Redis connection error', error))
    : undefined
  const rateLimitStore = redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore()
  const units = new UnitOfWork(database.db)
  // Every repository gets the unit-aware handle: inside `units.run` it is the transaction.
  const db = units.db
  const events = new EventOutbox(units, new EventRepository(db), clock, warn)

  const userRepository = new UserRepository(db)
  const settings = new SettingsService(new SettingsRepository(db))
  const users = new UserService(
    userRepository,
    new TimeEntryTotalsRepository(db),
    clock,
    units,
    events,
    settings,
    config.appTimezone,
  )
  const tokens = new TokenService(new TokenRepository(db), userRepository, clock)
  const sessions = new SessionService(new SessionRepository(db), userRepository, clock)
  const setup = new SetupService(users, sessions, rateLimitStore, clock)
  const throttle = new LoginThrottle(rateLimitStore, clock, config.loginRateLimitPerMinute, warn)
  const login = new LoginService(users, tokens, sessions, throttle, config.apiTokenDefaultExpiryDays)
  const tokenRateLimiter = new TokenRateLimiter(
    rateLimitStore,
    clock,
    { perMinute: config.apiTokenRateLimitPerMinute, perHour: config.apiTokenRateLimitPerHour },
    warn,
  )

  const reports = new ReportsService(new ReportsRepository(db), clock, config.appTimezone)
  const clients = new ClientService(new ClientRepository(db), new ProjectRepository(db), clock, units, events)
  const projects = new ProjectService(
    new ProjectRepository(db),
    new ClientRepository(db),
    new TimeEntryTotalsRepository(db),
    clock,
    units,
    events,
  )
  const quotes = new QuoteService(
    new QuoteRepository(db),
    new ClientRepository(db),
    clock,
    config.appTimezone,
  )
  const crmReferences = new DealReferenceCheck({
    clients: new ClientRepository(db),
    contacts: new ContactRepository(db),
    leads: new LeadRepository(db),
    quotes: new QuoteRepository(db),
    projects: new ProjectRepository(db),
    users: userRepository,
  })
  const deals = new DealService(new DealRepository(db), crmReferences, clock)
  const leads = new LeadService(new LeadRepository(db), crmReferences, clock)
  const contacts = new ContactService(new ContactRepository(db), new ClientRepository(db), clock)
  const tasks = new TaskService(
    new TaskRepository(db),
    new ProjectRepository(db),
    userRepository,
    new TimeEntryTotalsRepository(db),
    clock,
    config.appTimezone,
    units,
    events,
  )
  const search = new SearchService(new SearchRepository(db), (domain, error) =>
    warn(`search of ${domain} failed`, error),
  )
  const idempotency = new IdempotencyService(
    new IdempotencyRepository(db),
    clock,
    (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  )

  const timeEntryRepository = new TimeEntryRepository(db)
  const timeEntryReferences = new TimeEntryReferences(
    new ProjectRepository(db),
    new ClientRepository(db),
    new TaskRepository(db),
  )
  const timeEntryEvents = new TimeEntryEvents(events, clock)
  const timeEntries = new TimeEntryService(
    timeEntryRepository,
    timeEntryReferences,
    userRepository,
    settings,
    clock,
    timeEntryEvents,
    units,
    config.appTimezone,
  )
  const timer = new TimerService(
    timeEntryRepository,
    timeEntryReferences,
    settings,
    clock,
    timeEntryEvents,
    units,
  )
  const timeEntryApprovals = new TimeEntryApprovalService(
    new TimeEntryApprovalRepository(db),
    timeEntryRepository,
    userRepository,
    clock,
    units,
    events,
  )
  const timeEntryBatch = new TimeEntryBatchRepository(db)
  const timeEntryImport = new TimeEntryImportService(
    timeEntryBatch,
    new ProjectRepository(db),
    new TaskRepository(db),
    settings,
    clock,
    timeEntryEvents,
    config.appTimezone,
    units,
  )
  const timeEntryBulk = new TimeEntryBulkService(
    timeEntryRepository,
    timeEntryBatch,
    clock,
    timeEntryEvents,
    units,
  )
  const timeEntryExport = new TimeEntryExportService(timeEntryRepository, config.appTimezone)
  const eventRepository = new EventRepository(db)
  const eventFeed = new EventFeed(eventRepository, events, clock, {
    redis,
    channel: `${config.redisKeyPrefix}events`,
    pollMs: redis ? 5_000 : 1_000,
    retentionMs: 60 * 60_000,
    warn,
  })
  const eventStreams = new EventStreamService(
    eventFeed,
    eventRepository,
    new EventVisibility(new ProjectRepository(db), new TaskRepository(db), new ClientRepository(db)),
    { heartbeatMs: 25_000, recheckMs: 10_000 },
  )
  const stockItemRepository = new StockItemRepository(db)
  const warehouseRepository = new WarehouseRepository(db)
  const stockItems = new StockItemService(stockItemRepository, clock)
  const warehouses = new WarehouseService(warehouseRepository, clock)
  const stockLevels = new StockLevelService(
    new StockLevelRepository(db),
    stockItems,
    stockItemRepository,
    warehouseRepository,
  )
  const stockLedger = new StockLedgerRepository(db)
  const stockRecorder = new StockRecorder()
  const stockMovements = new StockMovementService(stockItems, warehouses, stockLedger, stockRecorder, clock)
  const stockTransfers = new StockTransferService(
    stockItemRepository,
    warehouseRepository,
    new StockTransferRepository(db),
    stockLedger,
    stockRecorder,
    clock,
  )
  const inventoryReports = new InventoryReportService(new InventoryReportRepository(db), clock)
  const seed = new SeedService(new SeedRepository(db), tokens, clock, config.appTimezone)

  const secretEncryption = new SecretEncryption(deriveSecretsKey(config.secretKey))
  const webhookRepository = new WebhookRepository(db)
  const webhookDeliveries = new WebhookDeliveryRepository(db)
  const webhookDispatcher = new WebhookDispatcher(
    webhookRepository,
    webhookDeliveries,
    new WebhookSender(config.webhookAllowPrivateTargets),
    secretEncryption,
    clock,
    warn,
  )
  const webhookFanout = new WebhookFanout(units, webhookRepository, webhookDeliveries, clock)
  events.addTransactionalSubscriber(webhookFanout.deliver)
  webhookFanout.onDeliveriesCommitted(() => webhookDispatcher.wake())
  const webhooks = new WebhookService(
    webhookRepository,
    webhookDeliveries,
    secretEncryption,
    webhookDispatcher,
    clock,
    config.webhookAllowPrivateTargets,
  )

  return {
    config,
    clock,
    database,
    units,
    events,
    eventFeed,
    eventStreams,
    redis,
    rateLimitStore,
    users,
    tokens,
    sessions,
    settings,
    setup,
    login,
    tokenRateLimiter,
    idempotency,
    reports,
    quotes,
    clients,
    deals,
    leads,
    contacts,
    projects,
    tasks,
    search,
    timeEntries,
    timer,
    timeEntryApprovals,
    timeEntryImport,
    timeEntryBulk,
    timeEntryExport,
    seed,
    stockItems,
    warehouses,
    stockLevels,
    stockMovements,
    stockTransfers,
    inventoryReports,
    secretEncryption,
    webhooks,
    webhookDispatcher,
    async close() {
      eventStreams.closeAll()
      await eventFeed.stop()
      await webhookDispatcher.stop()
      await tokens.flushUsage()
      await database.db.destroy()
      if (redis) await redis.quit()
    },
  }
}

/** Migrates, creates the settings row and the bootstrap administrator: everything a start needs. */
export async function prepareStorage(deps: Dependencies): Promise<void> {
  await migrateToLatest(deps.database.db)
  await deps.settings.ensureInstalled(deps.config.singleActiveTimer)
  await deps.users.bootstrapAdmin(deps.config.adminUsername, deps.config.adminPassword)
}
