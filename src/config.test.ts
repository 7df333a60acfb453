import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test/process.js'
import { ConfigError, loadConfig } from './config.js'

describe('configuration', () => {
  it('applies the defaults of the contract', () => {
    const dataDir = tempDir()

    const config = loadConfig({ DATA_DIR: dataDir })

    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: `sqlite:${path.join(dataDir, 'stint.db')}`,
      redisUrl: undefined,
      appTimezone: 'UTC',
      apiTokenRateLimitPerMinute: 100,
      apiTokenRateLimitPerHour: 1000,
      singleActiveTimer: true,
      loginRateLimitPerMinute: 5,
      logLevel: 'info',
      publicUrl: 'http://localhost:8080',
      webhookAllowPrivateTargets: false,
    })
  })

  it('generates SECRET_KEY once and keeps it in the data folder', () => {
    const dataDir = tempDir()

    const first = loadConfig({ DATA_DIR: dataDir }).secretKey
    const second = loadConfig({ DATA_DIR: dataDir }).secretKey

    expect(first).toHaveLength(43)
    expect(second).toBe(first)
    expect(readFileSync(path.join(dataDir, 'secret_key'), 'utf8').trim()).toBe(first)
  })

  it('treats rate limits below 1 as 1', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      API_TOKEN_RATE_LIMIT_PER_MINUTE: '0',
      API_TOKEN_RATE_LIMIT_PER_HOUR: '-5',
    })

    expect(config.apiTokenRateLimitPerMinute).toBe(1)
    expect(config.apiTokenRateLimitPerHour).toBe(1)
  })

  it.each([
    ['PORT', '70000', /PORT must be an integer/],
    ['APP_TIMEZONE', 'Mars/Olympus', /APP_TIMEZONE must be an IANA time zone/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must start with sqlite: or postgres:\/\//],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['SINGLE_ACTIVE_TIMER', 'maybe', /SINGLE_ACTIVE_TIMER must be true or false/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['SECRET_KEY', 'short', /SECRET_KEY must be at least 16 characters/],
    ['LOGIN_RATE_LIMIT_PER_MINUTE', '0', /LOGIN_RATE_LIMIT_PER_MINUTE must be an integer between 1/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), [name]: value })).toThrow(ConfigError)
    expect(() => loadConfig({ DATA_DIR: tempDir(), [name]: value })).toThrow(message)
  })
})
