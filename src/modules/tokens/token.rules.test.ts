import { describe, expect, it } from 'vitest'
import {
  extractToken,
  generatePlainToken,
  hasScope,
  ipAllowed,
  parseScopes,
  tokenPrefix,
} from './token.rules.js'

describe('hasScope', () => {
  it('grants everything to admin:all', () => {
    expect(hasScope(['admin:all'], 'write:projects')).toBe(true)
    expect(hasScope(['admin:all'], 'read:users')).toBe(true)
  })

  it('grants everything to the legacy full wildcard *', () => {
    expect(hasScope(['*'], 'write:time_entries')).toBe(true)
  })

  it('grants the exact scope and nothing else', () => {
    expect(hasScope(['read:projects'], 'read:projects')).toBe(true)
    expect(hasScope(['read:projects'], 'read:tasks')).toBe(false)
  })

  it('grants every scope of an action through read:* and write:*', () => {
    expect(hasScope(['read:*'], 'read:reports')).toBe(true)
    expect(hasScope(['write:*'], 'write:clients')).toBe(true)
  })

  it('does not let write imply read, nor read imply write', () => {
    expect(hasScope(['write:projects', 'write:*'], 'read:projects')).toBe(false)
    expect(hasScope(['read:projects', 'read:*'], 'write:projects')).toBe(false)
  })

  it('does not let a wildcard of one action grant admin:all', () => {
    expect(hasScope(['read:*', 'write:*'], 'admin:all')).toBe(false)
  })

  it('grants nothing to an empty list', () => {
    expect(hasScope([], 'read:users')).toBe(false)
  })
})

describe('parseScopes', () => {
  it('trims entries and drops empty ones', () => {
    expect(parseScopes(' read:projects ,, write:tasks ,')).toEqual(['read:projects', 'write:tasks'])
    expect(parseScopes('')).toEqual([])
  })
})

describe('extractToken', () => {
  it('reads Bearer and Token schemes case-insensitively', () => {
    expect(extractToken('Bearer tt_a', undefined)).toBe('tt_a')
    expect(extractToken('bearer   tt_a', undefined)).toBe('tt_a')
    expect(extractToken('Token tt_a', undefined)).toBe('tt_a')
    expect(extractToken('TOKEN tt_a', undefined)).toBe('tt_a')
  })

  it('reads X-API-Key when there is no Authorization header', () => {
    expect(extractToken(undefined, ' tt_k ')).toBe('tt_k')
  })

  it('prefers Authorization when both carry a token', () => {
    expect(extractToken('Bearer tt_a', 'tt_k')).toBe('tt_a')
  })

  it('falls back to X-API-Key when Authorization is of another form', () => {
    expect(extractToken('Basic dXNlcjpwYXNz', 'tt_k')).toBe('tt_k')
    expect(extractToken('Bearer', 'tt_k')).toBe('tt_k')
    expect(extractToken('Bearer tt_a extra', 'tt_k')).toBe('tt_k')
  })

  it('finds no token when neither header carries one', () => {
    expect(extractToken(undefined, undefined)).toBeUndefined()
    expect(extractToken('Basic dXNlcjpwYXNz', '  ')).toBeUndefined()
  })
})

describe('ipAllowed', () => {
  it('matches listed addresses and CIDR blocks', () => {
    expect(ipAllowed('192.0.2.7', '192.0.2.7')).toBe(true)
    expect(ipAllowed('198.51.100.1, 10.0.0.0/8', '10.20.30.40')).toBe(true)
    expect(ipAllowed('2001:db8::/32', '2001:db8::1')).toBe(true)
  })

  it('refuses addresses outside every entry', () => {
    expect(ipAllowed('10.0.0.0/8', '192.0.2.7')).toBe(false)
    expect(ipAllowed('192.0.2.7', '192.0.2.8')).toBe(false)
  })

  it('matches an IPv4 client that reaches an IPv6 socket as ::ffff:a.b.c.d', () => {
    expect(ipAllowed('192.0.2.0/24', '::ffff:192.0.2.9')).toBe(true)
  })

  it('ignores malformed entries instead of throwing', () => {
    expect(ipAllowed('10.0.0.0/33, nonsense, 10.0.0.0/8/1, 192.0.2.7', '192.0.2.7')).toBe(true)
    expect(ipAllowed('10.0.0.0/33', '10.0.0.1')).toBe(false)
    expect(ipAllowed('2001:db8::/129', '2001:db8::1')).toBe(false)
  })
})

describe('plain tokens', () => {
  it('are tt_ followed by 32 alphanumeric characters, shown by an 8-character prefix', () => {
    const plain = generatePlainToken()

    expect(plain).toMatch(/^tt_[A-Za-z0-9]{32}$/)
    expect(tokenPrefix(plain)).toBe(plain.slice(0, 8))
  })
})
