import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import { sha256Hex } from '../../platform/secrets.js'
import type { UserRepository } from '../users/user.repository.js'
import type { User } from '../users/user.types.js'
import type { ApiToken, TokenRepository } from './token.repository.js'
import { generatePlainToken, ipAllowed, isKnownScope, parseScopes, tokenPrefix } from './token.rules.js'

export interface CreateTokenInput {
  userId: number
  name: string
  description?: string | null
  scopes: string[]
  /** Days until expiry; negative gives an already-expired token; undefined never expires. */
  expiresDays?: number
}

export interface AuthenticatedToken {
  token: ApiToken
  scopes: string[]
  user: User
}

const DAY_MS = 86_400_000

function invalidToken(reason: string): AppError {
  return new AppError('unauthorized', 'unauthorized', 'The provided API token is invalid or expired', {
    error: 'Invalid token',
    extra: { reason },
  })
}

export class TokenService {
  private pendingUsage = new Map<number, { count: number; lastUsedAt: Date }>()

  constructor(
    private readonly tokens: TokenRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  /** Creates a token; the plain value is returned once and never stored. */
  async create(input: CreateTokenInput): Promise<{ token: ApiToken; plain: string }> {
    const unknown = input.scopes.filter((s) => !isKnownScope(s))
    if (unknown.length > 0) throw AppError.validation({ scopes: [`Unknown scope: ${unknown.join(', ')}.`] })
    const name = input.name.trim()
    if (name === '' || name.length > 100)
      throw AppError.validation({ name: ['Length must be between 1 and 100.'] })
    const now = this.clock.now()
    const plain = generatePlainToken()
    const expiresAt =
      input.expiresDays === undefined ? null : new Date(now.getTime() + input.expiresDays * DAY_MS)
    const token = await this.tokens.insert(
      {
        name,
        description: input.description ?? null,
        tokenHash: sha256Hex(plain),
        tokenPrefix: tokenPrefix(plain),
        userId: input.userId,
        scopes: input.scopes.join(','),
        expiresAt,
      },
      now,
    )
    return { token, plain }
  }

  async list(userId?: number): Promise<ApiToken[]> {
    return this.tokens.list(userId)
  }

  /** Revokes a token; `not_found` when there is no such token. */
  async revoke(id: number): Promise<void> {
    if (!(await this.tokens.deactivate(id)))
      throw new AppError('not_found', 'not_found', 'API token not found')
  }

  /** Checks a presented token in the order of api-core.md §4.3 step 2; throws 401 with the reason. */
  async authenticate(plain: string, clientIp: string): Promise<AuthenticatedToken> {
    if (!plain.startsWith('tt_')) throw invalidToken('Invalid token format')
    const token = await this.tokens.findByHash(sha256Hex(plain))
    if (!token) throw invalidToken('Token not found')
    if (!token.isActive) throw invalidToken('Token has been revoked')
    if (token.expiresAt && token.expiresAt.getTime() < this.clock.now().getTime()) {
      throw invalidToken('Token has expired')
    }
    if (token.ipWhitelist && !ipAllowed(token.ipWhitelist, clientIp)) {
      throw invalidToken('Access denied from this IP address')
    }
    const user = await this.users.findById(token.userId)
    if (!user?.isActive) throw invalidToken('User account is inactive')
    return { token, scopes: parseScopes(token.scopes), user }
  }

  /** Counts an accepted request; written in batches by flushUsage so requests never wait on it. */
  recordUsage(tokenId: number): void {
    const pending = this.pendingUsage.get(tokenId)
    const now = this.clock.now()
    if (pending) {
      pending.count += 1
      pending.lastUsedAt = now
    } else this.pendingUsage.set(tokenId, { count: 1, lastUsedAt: now })
  }

  /** Writes the usage counted since the last flush. */
  async flushUsage(): Promise<void> {
    const batch = this.pendingUsage
    this.pendingUsage = new Map()
    for (const [id, usage] of batch) await this.tokens.addUsage(id, usage.count, usage.lastUsedAt)
  }
}
