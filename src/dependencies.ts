import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { createDatabase, migrateToLatest, type DatabaseHandle } from './db/database.js'
import { TokenRateLimiter } from './http/rate-limit.js'
import { LoginThrottle } from './modules/auth/login-throttle.js'
import { LoginService } from './modules/auth/login.service.js'
import { SessionRepository } from './modules/sessions/session.repository.js'
import { SessionService } from './modules/sessions/session.service.js'
import { SettingsRepository } from './modules/settings/settings.repository.js'
import { SettingsService } from './modules/settings/settings.service.js'
import { SetupService } from './modules/setup/setup.service.js'
import { TokenRepository } from './modules/tokens/token.repository.js'
import { TokenService } from './modules/tokens/token.service.js'
import { UserRepository } from './modules/users/user.repository.js'
import { UserService } from './modules/users/user.service.js'
import { systemClock, type Clock } from './platform/clock.js'
import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from './platform/rate-limit-store.js'
import { createRedis } from './platform/redis.js'

export interface Dependencies {
  config: Config
  clock: Clock
  database: DatabaseHandle
  redis: Redis | undefined
  rateLimitStore: RateLimitStore
  users: UserService
  tokens: TokenService
  sessions: SessionService
  settings: SettingsService
  setup: SetupService
  login: LoginService
  tokenRateLimiter: TokenRateLimiter
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
  const redis = config.redisUrl ? createRedis(config.redisUrl, config.redisKeyPrefix) : undefined
  const rateLimitStore = redis ? new RedisRateLimitStore(redis) : new MemoryRateLimitStore()
  const db = database.db

  const userRepository = new UserRepository(db)
  const users = new UserService(userRepository, clock)
  const tokens = new TokenService(new TokenRepository(db), userRepository, clock)
  const sessions = new SessionService(new SessionRepository(db), userRepository, clock)
  const settings = new SettingsService(new SettingsRepository(db))
  const setup = new SetupService(users, sessions, rateLimitStore, clock)
  const throttle = new LoginThrottle(rateLimitStore, clock, config.loginRateLimitPerMinute)
  const login = new LoginService(users, tokens, sessions, throttle, config.apiTokenDefaultExpiryDays)
  const warn = (message: string, error: unknown) => overrides.logger?.warn({ err: error }, message)
  const tokenRateLimiter = new TokenRateLimiter(
    rateLimitStore,
    clock,
    { perMinute: config.apiTokenRateLimitPerMinute, perHour: config.apiTokenRateLimitPerHour },
    warn,
  )

  return {
    config,
    clock,
    database,
    redis,
    rateLimitStore,
    users,
    tokens,
    sessions,
    settings,
    setup,
    login,
    tokenRateLimiter,
    async close() {
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
