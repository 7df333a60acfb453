import { Redis } from 'ioredis'
import { services } from './services.js'

/** Deletes every key under a test's prefix, through a connection that adds no prefix of its own. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  if (!services.redisUrl) return
  const plain = new Redis(services.redisUrl)
  try {
    const keys = await plain.keys(`${prefix}*`)
    if (keys.length > 0) await plain.del(...keys)
  } finally {
    await plain.quit()
  }
}
