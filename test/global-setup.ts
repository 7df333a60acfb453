import { execFileSync } from 'node:child_process'
import pg from 'pg'
import { services, testRunId } from './services.js'

/** Drops every PostgreSQL schema this run created. */
async function dropRunSchemas(): Promise<void> {
  if (!services.postgresUrl) return
  const client = new pg.Client({ connectionString: services.postgresUrl })
  await client.connect()
  const { rows } = await client.query<{ name: string }>(
    `select nspname as name from pg_namespace where nspname like 'stint\\_%' and nspname like $1`,
    [`%\\_${testRunId.toLowerCase()}\\_%`],
  )
  for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`)
  await client.end()
}

/**
 * Builds dist/ once (CLI and process tests run the real binary), then says once what is
 * skipped and why; under CI=true a missing service is a failure (CONTRACT.md).
 */
export default function setup(): () => Promise<void> {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  const missing = [
    services.postgresUrl ? undefined : 'PostgreSQL (set TEST_DATABASE_URL)',
    services.redisUrl ? undefined : 'Redis (set TEST_REDIS_URL)',
  ].filter((m): m is string => m !== undefined)
  if (missing.length === 0) return dropRunSchemas
  if (services.isCi)
    throw new Error(`CI=true but these test services are not configured: ${missing.join(', ')}`)
  console.log(`skipped: tests on ${missing.join(' and ')}: not configured, running SQLite/in-memory only`)
  return dropRunSchemas
}
