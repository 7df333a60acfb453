import type { FastifyInstance } from 'fastify'
import pg from 'pg'
import { buildApp } from '../src/app.js'
import { loadConfig, type Config } from '../src/config.js'
import { createDatabase, type DatabaseHandle, type Dialect } from '../src/db/database.js'
import { buildDependencies, prepareStorage, type Dependencies } from '../src/dependencies.js'
import { FixedClock } from '../src/platform/clock.js'
import { createLogger } from '../src/platform/logger.js'
import { createUser } from './factories.js'
import { services, uniqueName } from './services.js'

export interface DialectCase {
  name: Dialect
}

/** SQLite always; PostgreSQL when TEST_DATABASE_URL is set. */
export const dialects: DialectCase[] = [
  { name: 'sqlite' },
  ...(services.postgresUrl ? [{ name: 'postgres' as const }] : []),
]

export interface TestDatabase {
  handle: DatabaseHandle
  /** Another connection to the same database (as a second process would have). */
  connectAgain(): DatabaseHandle
  drop(): Promise<void>
}

/** A fresh empty database: SQLite in a temp file or memory, PostgreSQL in a schema of its own. */
export async function createTestDatabase(dialect: Dialect, sqliteFile?: string): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const url = `sqlite:${sqliteFile ?? ':memory:'}`
    return {
      handle: createDatabase(url),
      connectAgain: () => createDatabase(url),
      drop: async () => undefined,
    }
  }
  const url = services.postgresUrl as string
  const schema = uniqueName('stint_test').toLowerCase()
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const connect = () => createDatabase(url, { schema, poolSize: 5 })
  return {
    handle: connect(),
    connectAgain: connect,
    // The schema is dropped with the rest of the run's schemas when the run ends.
    drop: async () => undefined,
  }
}

/** The configuration of a test process: defaults, plus the given environment. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    SECRET_KEY: 'test-secret-key-0123456789',
    DATA_DIR: '/tmp/stint-test-data',
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'silent',
    ...env,
  })
}

export interface TestApp {
  app: FastifyInstance
  deps: Dependencies
  clock: FixedClock
  close(): Promise<void>
}

export interface TestAppOptions {
  dialect?: Dialect
  env?: Record<string, string>
  /** Share a database with another test app (two processes on one database). */
  database?: DatabaseHandle
  clock?: FixedClock
  /** Keep the installation in set-up mode (no administrator). */
  withoutAdmin?: boolean
}

/** The real application, migrated, on its own database, with a fixed clock. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = options.database ? undefined : await createTestDatabase(options.dialect ?? 'sqlite')
  const database = options.database ?? (testDb as TestDatabase).handle
  const clock = options.clock ?? new FixedClock()
  const config = testConfig(options.env)
  const logger = createLogger('silent')
  const deps = buildDependencies(config, { clock, database, logger })
  try {
    await prepareStorage(deps)
    if (!options.withoutAdmin && !(await deps.users.hasActiveAdmin()))
      await createUser(deps, { username: 'admin', password: 'admin-password', role: 'admin' })
  } catch (error) {
    await deps.close()
    await testDb?.drop()
    throw error
  }
  const app = await buildApp(deps, logger)
  return {
    app,
    deps,
    clock,
    async close() {
      await app.close()
      if (options.database) {
        await deps.tokens.flushUsage()
        if (deps.redis) await deps.redis.quit()
      } else {
        await deps.close()
        await testDb?.drop()
      }
    },
  }
}
