import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'

/** The typed configuration, read once from the environment (CONTRACT.md "Configuration"). */
export interface Config {
  /** HTTP port. */
  port: number
  /** Bind address. */
  host: string
  /** `sqlite:<path>`, `sqlite::memory:` or `postgres://…`. */
  databaseUrl: string
  /** When set, rate limits and other shared state live in Redis. */
  redisUrl: string | undefined
  /** Prefix of every Redis key, so several installations (or test runs) can share one Redis. */
  redisKeyPrefix: string
  /** Signs sessions; derives the key that encrypts secrets at rest. */
  secretKey: string
  /** Bootstrap administrator, created when both are set and no user exists. */
  adminUsername: string | undefined
  adminPassword: string | undefined
  /** IANA zone for local dates, reports and naive datetimes. */
  appTimezone: string
  apiTokenRateLimitPerMinute: number
  apiTokenRateLimitPerHour: number
  /** Days until a token issued by `POST /api/v1/auth/login` expires; 0 = never (api-core.md §4.5). */
  apiTokenDefaultExpiryDays: number
  /** Seeds the persisted `single_active_timer` setting on first install only. */
  singleActiveTimer: boolean
  dataDir: string
  loginRateLimitPerMinute: number
  logLevel: string
  publicUrl: string
  /** Honour X-Forwarded-For (only behind a trusted reverse proxy). */
  trustProxy: boolean
  webhookAllowPrivateTargets: boolean
}

/** A configuration value that cannot be used; main turns it into one line and exit code 2. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

function integer(env: Env, name: string, fallback: number, min: number, max = 2 ** 31): number {
  const raw = text(env, name)
  if (raw === undefined) return fallback
  if (!/^-?\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`)
  }
  return Number(raw)
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase()
  if (raw === undefined) return fallback
  if (['true', '1', 'yes', 'on'].includes(raw)) return true
  if (['false', '0', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${raw}"`)
}

function timezone(env: Env): string {
  const zone = text(env, 'APP_TIMEZONE') ?? 'UTC'
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
  } catch {
    throw new ConfigError(`APP_TIMEZONE must be an IANA time zone such as Europe/Berlin, got "${zone}"`)
  }
  return zone
}

function databaseUrl(env: Env, dataDir: string): string {
  const url = text(env, 'DATABASE_URL') ?? `sqlite:${path.join(dataDir, 'stint.db')}`
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(url)) {
    throw new ConfigError('DATABASE_URL must start with sqlite: or postgres://')
  }
  return url
}

function url(env: Env, name: string, fallback: string | undefined): string | undefined {
  const value = text(env, name) ?? fallback
  if (value === undefined) return undefined
  try {
    new URL(value)
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${value}"`)
  }
  return value
}

/** The secret from SECRET_KEY, else the one generated on first start and kept in DATA_DIR. */
function secretKey(env: Env, dataDir: string): string {
  const given = text(env, 'SECRET_KEY')
  if (given !== undefined) {
    if (given.length < 16) throw new ConfigError('SECRET_KEY must be at least 16 characters long')
    return given
  }
  const file = path.join(dataDir, 'secret_key')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const generated = randomBytes(32).toString('base64url')
  writeFileSync(file, generated + '\n', { mode: 0o600, flag: 'wx' })
  return generated
}

/** Reads and checks the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 8080, 0, 65535)
  const dataDir = path.resolve(text(env, 'DATA_DIR') ?? './data')
  const logLevel = text(env, 'LOG_LEVEL') ?? 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`)
  }
  const adminUsername = text(env, 'ADMIN_USERNAME')
  const adminPassword = env.ADMIN_PASSWORD === '' ? undefined : env.ADMIN_PASSWORD
  return {
    port,
    host: text(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: databaseUrl(env, dataDir),
    redisUrl: url(env, 'REDIS_URL', undefined),
    redisKeyPrefix: text(env, 'REDIS_KEY_PREFIX') ?? 'stint:',
    secretKey: secretKey(env, dataDir),
    adminUsername,
    adminPassword,
    appTimezone: timezone(env),
    apiTokenRateLimitPerMinute: Math.max(1, integer(env, 'API_TOKEN_RATE_LIMIT_PER_MINUTE', 100, -(2 ** 31))),
    apiTokenRateLimitPerHour: Math.max(1, integer(env, 'API_TOKEN_RATE_LIMIT_PER_HOUR', 1000, -(2 ** 31))),
    apiTokenDefaultExpiryDays: integer(env, 'API_TOKEN_DEFAULT_EXPIRY_DAYS', 90, 0),
    singleActiveTimer: boolean(env, 'SINGLE_ACTIVE_TIMER', true),
    dataDir,
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 5, 1),
    logLevel,
    publicUrl: url(env, 'PUBLIC_URL', `http://localhost:${port}`) as string,
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    webhookAllowPrivateTargets: boolean(env, 'WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
  }
}
