import { execFileSync } from 'node:child_process'
import { services } from './services.js'

/**
 * Builds dist/ once (CLI and process tests run the real binary), then says once what is
 * skipped and why; under CI=true a missing service is a failure (CONTRACT.md).
 */
export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  const missing = [
    services.postgresUrl ? undefined : 'PostgreSQL (set TEST_DATABASE_URL)',
    services.redisUrl ? undefined : 'Redis (set TEST_REDIS_URL)',
  ].filter((m): m is string => m !== undefined)
  if (missing.length === 0) return
  if (services.isCi) throw new Error(`CI=true but these test services are not configured: ${missing.join(', ')}`)
  console.log(`skipped: tests on ${missing.join(' and ')}: not configured, running SQLite/in-memory only`)
}
