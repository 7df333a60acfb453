import { buildApp } from '../app.js'
import { loadConfig } from '../config.js'
import { buildDependencies, prepareStorage } from '../dependencies.js'
import { createLogger } from '../platform/logger.js'

/** A fixed configuration, so the document does not depend on whoever generates it. */
const GENERATOR_ENV = {
  DATABASE_URL: 'sqlite::memory:',
  SECRET_KEY: 'openapi-document-generator',
  LOG_LEVEL: 'silent',
  ADMIN_USERNAME: 'admin',
  ADMIN_PASSWORD: 'openapi-document-generator',
}

/** The document `GET /api/openapi.json` serves, from the real app on a throwaway in-memory database. */
export async function generateOpenApiDocument(): Promise<object> {
  const logger = createLogger('silent')
  const deps = buildDependencies(loadConfig(GENERATOR_ENV), { logger })
  try {
    await prepareStorage(deps)
    const app = await buildApp(deps, logger)
    try {
      await app.ready()
      return JSON.parse(JSON.stringify(app.swagger())) as object
    } finally {
      await app.close()
    }
  } finally {
    await deps.close()
  }
}

/** The committed form of the document (`openapi.json` at the repository root). */
export function serializeOpenApiDocument(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`
}
