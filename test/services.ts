/** Outside services the suite can use, from the environment (.ci/run sets both). */
export const services = {
  postgresUrl: process.env.TEST_DATABASE_URL?.trim() || undefined,
  redisUrl: process.env.TEST_REDIS_URL?.trim() || undefined,
  isCi: process.env.CI === 'true',
}

/** A prefix unique to this test run and file, so runs sharing a server never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
}
