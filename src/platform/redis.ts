import { Redis } from 'ioredis'

/** A Redis connection whose every key starts with `keyPrefix`. */
export function createRedis(url: string, keyPrefix: string): Redis {
  return new Redis(url, { keyPrefix, maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false })
}
