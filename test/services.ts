/** Outside services the suite can use, from the environment (.ci/run sets both). */
export const services = {
  postgresUrl: process.env.TEST_DATABASE_URL?.trim() || undefined,
  redisUrl: process.env.TEST_REDIS_URL?.trim() || undefined,
  isCi: process.env.CI === 'true',
}

/** This run's id, set once by the global setup so every worker shares it. */
export const testRunId = (process.env.STINT_TEST_RUN ??= `r${Date.now().toString(36)}${process.pid}`)

/**
 * A name unique to this test run, so runs sharing a server never collide. PostgreSQL schemas
 * named `stint_…_<run>_…` are dropped together when the run ends (test/global-setup.ts):
 * dropping them one by one while other workers introspect the catalog makes those fail.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}_${testRunId}_${Math.random().toString(36).slice(2, 10)}`
}
