import { Redis } from 'ioredis'

/** A Redis connection whose every key starts with `keyPrefix`; errors go to `onError`, never to stderr. */
export function createRedis(
  url: string,
  keyPrefix: string,
  onError: (error: Error) => void = () => undefined,
): Redis {
  // A command that cannot be answered within a second fails, so callers can fail open quickly.
  const redis = new Redis(url, { keyPrefix, maxRetriesPerRequest: 2, commandTimeout: 1000 })
  redis.on('error', onError)
  return redis
}
