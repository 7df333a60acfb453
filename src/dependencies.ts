import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { createDatabase, migrateToLatest, type DatabaseHandle } from './db/database.js'
import { UnitOfWork } from './db/unit-of-work.js'
import { EventOutbox } from './modules/events/event-outbox.js'
import { EventRepository } from './modules/events/event.repository.js'
import { TokenRateLimiter } from './http/rate-limit.js'
import { LoginThrottle } from './modules/auth/login-throttle.js'
import { IdempotencyRepository } from './modules/idempotency/idempotency.repository.js'
import { IdempotencyService } from './modules/idempotency/idempotency.service.js'
import { LoginService } from './modules/auth/login.service.js'
import { ClientRepository } from './modules/clients/client.repository.js'
import { ClientService } from './modules/clients/client.service.js'
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
  projects: ProjectService
  tasks: TaskService
  search: SearchService
  timeEntries: TimeEntryService
  timer: TimerService
  /** CSV import of time entries (HTTP and `stint import csv`). */
  timeEntryImport: TimeEntryImportService
  timeEntryBulk: TimeEntryBulkService
  /** `stint export csv`. */
  timeEntryExport: TimeEntryExportService
  /** `stint seed`: the demo and benchmark data set. */
  seed: SeedService
  /** Committed time-entry and timer changes, for webhooks and live events to subscribe to. */
  timeEntryEvents: TimeEntryEvents
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
  const users = new UserService(userRepository, new TimeEntryTotalsRepository(db), clock)
  const tokens = new TokenService(new TokenRepository(db), userRepository, clock)
  const sessions = new SessionService(new SessionRepository(db), userRepository, clock)
  const settings = new SettingsService(new SettingsRepository(db))
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
  const clients = new ClientService(new ClientRepository(db), new ProjectRepository(db), clock)
  const projects = new ProjectService(
    new ProjectRepository(db),
    new ClientRepository(db),
    new TimeEntryTotalsRepository(db),
    clock,
  )
  const quotes = new QuoteService(
    new QuoteRepository(db),
    new ClientRepository(db),
    clock,
    config.appTimezone,
  )
  const tasks = new TaskService(
    new TaskRepository(db),
    new ProjectRepository(db),
    userRepository,
    new TimeEntryTotalsRepository(db),
    clock,
    config.appTimezone,
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
  const timeEntryEvents = new TimeEntryEvents()
  const timeEntries = new TimeEntryService(
    timeEntryRepository,
    timeEntryReferences,
    userRepository,
    settings,
    clock,
    timeEntryEvents,
    config.appTimezone,
  )
  const timer = new TimerService(timeEntryRepository, timeEntryReferences, settings, clock, timeEntryEvents)
  const timeEntryBatch = new TimeEntryBatchRepository(db)
  const timeEntryImport = new TimeEntryImportService(
    timeEntryBatch,
    new ProjectRepository(db),
    new TaskRepository(db),
    settings,
    clock,
    timeEntryEvents,
    config.appTimezone,
  )
  const timeEntryBulk = new TimeEntryBulkService(timeEntryRepository, timeEntryBatch, clock, timeEntryEvents)
  const timeEntryExport = new TimeEntryExportService(timeEntryRepository, config.appTimezone)
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
    projects,
    tasks,
    search,
    timeEntries,
    timer,
    timeEntryImport,
    timeEntryBulk,
    timeEntryExport,
    seed,
    timeEntryEvents,
    secretEncryption,
    webhooks,
    webhookDispatcher,
    async close() {
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
