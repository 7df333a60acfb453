import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'

/** Prefix of an encrypted value as stored (connectors.md §1.2). */
export const ENCRYPTED_PREFIX = 'enc:v1:'

const HKDF_INFO = 'stint:integration-secrets:v1'
const VERSION = 0x80
const HEADER_BYTES = 1 + 8 + 16
const HMAC_BYTES = 32

/**
 * The 32-byte Fernet key for integration and webhook secrets:
 * HKDF-SHA256(IKM = SECRET_KEY, salt = empty, info = "stint:integration-secrets:v1").
 */
export function deriveSecretsKey(secretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), Buffer.alloc(0), HKDF_INFO, 32))
}

/**
 * Encrypts secrets at rest as `enc:v1:` + a Fernet token (connectors.md §1.2: the format of
 * Python's `cryptography`, so values move between TimeTracker and Stint), for the connectors
 * and the outgoing webhooks (webhooks.md §8). Never logs what it handles.
 */
export class SecretEncryption {
  private readonly signingKey: Buffer
  private readonly encryptionKey: Buffer

  /** `key`: the 32 key bytes (see `deriveSecretsKey`). */
  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a Fernet key has 32 bytes')
    this.signingKey = key.subarray(0, 16)
    this.encryptionKey = key.subarray(16, 32)
  }

  /** The stored form: trimmed; empty stays empty; an already encrypted value is kept as is. */
  encrypt(plain: string, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const text = plain.trim()
    if (text === '' || text.startsWith(ENCRYPTED_PREFIX)) return text
    const header = Buffer.alloc(HEADER_BYTES)
    header[0] = VERSION
    header.writeBigUInt64BE(BigInt(nowSeconds), 1)
    const iv = randomBytes(16)
    iv.copy(header, 9)
    const cipher = createCipheriv('aes-128-cbc', this.encryptionKey, iv)
    const body = Buffer.concat([header, cipher.update(text, 'utf8'), cipher.final()])
    const mac = createHmac('sha256', this.signingKey).update(body).digest()
    return (
      ENCRYPTED_PREFIX + Buffer.concat([body, mac]).toString('base64url') + padding(body.length + HMAC_BYTES)
    )
  }

  /**
   * The plain value: trimmed; empty → ""; a value without the prefix is legacy plain text and
   * returned as is; one that fails to decrypt (wrong key, tampered) → "" and `onFailure`.
   */
  decrypt(stored: string, onFailure: () => void = () => undefined): string {
    const text = stored.trim()
    if (text === '' || !text.startsWith(ENCRYPTED_PREFIX)) return text
    const plain = this.open(text.slice(ENCRYPTED_PREFIX.length))
    if (plain === undefined) onFailure()
    return plain ?? ''
  }

  private open(token: string): string | undefined {
    const bytes = Buffer.from(token.replace(/=+$/, ''), 'base64url')
    if (bytes.length < HEADER_BYTES + 16 + HMAC_BYTES || bytes[0] !== VERSION) return undefined
    const body = bytes.subarray(0, bytes.length - HMAC_BYTES)
    const mac = bytes.subarray(bytes.length - HMAC_BYTES)
    const expected = createHmac('sha256', this.signingKey).update(body).digest()
    if (!timingSafeEqual(mac, expected)) return undefined
    try {
      const decipher = createDecipheriv('aes-128-cbc', this.encryptionKey, body.subarray(9, HEADER_BYTES))
      return Buffer.concat([decipher.update(body.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      return undefined
    }
  }
}

/** URL-safe base64 as Python writes it: with `=` padding. */
function padding(byteCount: number): string {
  return '='.repeat((3 - (byteCount % 3)) % 3)
}
