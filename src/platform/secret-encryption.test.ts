import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { deriveSecretsKey, ENCRYPTED_PREFIX, SecretEncryption } from './secret-encryption.js'

describe('secret encryption (connectors.md §1.2)', () => {
  const key = deriveSecretsKey('test-secret-key')
  const box = new SecretEncryption(key)

  it('derives the key of the contract test vector from SECRET_KEY by HKDF-SHA256', () => {
    expect(key.toString('hex')).toBe('6858d1a779c8570bf0d725e7a1ac02c3e9d2b3efb64923df7b73df64113d67a5')
    expect(key.toString('base64url') + '=').toBe('aFjRp3nIVwvw1yXnoawCw-nSs--2SSPfe3PfZBE9Z6U=')
  })

  it('encrypts to enc:v1: plus a Fernet token that decrypts back, different every time', () => {
    const first = box.encrypt('kB0w-secret', 1_768_469_400)
    const second = box.encrypt('kB0w-secret', 1_768_469_400)

    expect(first.startsWith(ENCRYPTED_PREFIX)).toBe(true)
    expect(first).not.toBe(second)
    expect(first).not.toContain('kB0w-secret')
    expect(box.decrypt(first)).toBe('kB0w-secret')
    expect(box.decrypt(second)).toBe('kB0w-secret')
  })

  it('writes the Fernet layout: version 0x80, the time, the IV, AES-128-CBC, HMAC-SHA256 over the rest, padded base64url', () => {
    const token = box.encrypt('x', 1_768_469_400).slice(ENCRYPTED_PREFIX.length)
    const bytes = Buffer.from(token, 'base64url')

    expect(token.length % 4).toBe(0)
    expect(bytes[0]).toBe(0x80)
    expect(bytes.readBigUInt64BE(1)).toBe(1_768_469_400n)
    expect(bytes.length).toBe(1 + 8 + 16 + 16 + 32)
    const mac = createHmac('sha256', key.subarray(0, 16)).update(bytes.subarray(0, -32)).digest()
    expect(bytes.subarray(-32).equals(mac)).toBe(true)
  })

  it('keeps empty and already encrypted values, and reads legacy plain text as is', () => {
    const stored = box.encrypt('abc')

    expect(box.encrypt('  ')).toBe('')
    expect(box.encrypt(stored)).toBe(stored)
    expect(box.decrypt('plain-legacy')).toBe('plain-legacy')
    expect(box.decrypt('')).toBe('')
  })

  it('reads a tampered value or one made with another key as empty, and reports it', () => {
    const stored = box.encrypt('abc')
    const other = new SecretEncryption(deriveSecretsKey('another-secret-key'))
    const failures: string[] = []
    const tampered = stored.slice(0, -6) + (stored.at(-6) === 'A' ? 'B' : 'A') + stored.slice(-5)

    expect(other.decrypt(stored, () => failures.push('other key'))).toBe('')
    expect(box.decrypt(tampered, () => failures.push('tampered'))).toBe('')
    expect(failures).toEqual(['other key', 'tampered'])
  })
})
