import { buildApp } from './app.js'
import { ConfigError, loadConfig, type Config } from './config.js'
import { buildDependencies, prepareStorage } from './dependencies.js'
import { createLogger } from './platform/logger.js'

/** Starts the server and closes it cleanly on SIGTERM/SIGINT: in-flight requests finish, then the database closes. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel)
  const deps = buildDependencies(config, { logger })
  await prepareStorage(deps)
  const app = await buildApp(deps, logger)
  const usageTimer = setInterval(
    () =>
      void deps.tokens.flushUsage().catch((err: unknown) => logger.warn({ err }, 'token usage not saved')),
    1000,
  )

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    logger.info({ signal }, 'shutting down')
    clearInterval(usageTimer)
    await app.close()
    await deps.close()
    logger.info('stopped')
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
  // Live streams and the retention of the event outbox (pruned after an hour).
  await deps.eventFeed.start()
  const code = await deps.setup.codeToAnnounce()
  if (code) {
    logger.warn(
      `No administrator exists yet. Open ${config.publicUrl}/setup and enter the one-time set-up code: ${code}`,
    )
  }
}

/** Runs `fn`, turning a ConfigError into one line on stderr and exit code 2. */
export async function runWithConfig(fn: (config: Config) => Promise<void>): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`stint: ${error.message}\n`)
      process.exit(2)
    }
    throw error
  }
  await fn(config)
}

const isEntryPoint =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))
if (isEntryPoint) void runWithConfig(serve)
