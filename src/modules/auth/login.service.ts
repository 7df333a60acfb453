import { AppError } from '../../errors.js'
import type { SessionService } from '../sessions/session.service.js'
import type { TokenService } from '../tokens/token.service.js'
import type { UserService } from '../users/user.service.js'
import type { User } from '../users/user.types.js'
import type { LoginThrottle } from './login-throttle.js'

export interface Credentials {
  username?: unknown
  password?: unknown
}

function invalidCredentials(): AppError {
  return new AppError('unauthorized', 'unauthorized', 'Invalid username or password')
}

/** Password sign-in for apps (a new API token) and browsers (a session). */
export class LoginService {
  constructor(
    private readonly users: UserService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly tokenExpiryDays: number,
  ) {}

  /** `POST /api/v1/auth/login`: a new token named after the app login (api-core.md §4.5). */
  async issueAppToken(credentials: Credentials, clientIp: string): Promise<string> {
    const user = await this.verify(credentials, clientIp)
    const { plain } = await this.tokens.create({
      userId: user.id,
      name: `App login - ${user.username}`,
      description: 'Token issued via desktop/mobile app login',
      scopes: user.isAdmin ? ['admin:all'] : ['read:*', 'write:*'],
      expiresDays: this.tokenExpiryDays === 0 ? undefined : this.tokenExpiryDays,
    })
    return plain
  }

  /** `POST /login`: a browser session; returns its cookie id and the user. */
  async startSession(credentials: Credentials, clientIp: string): Promise<{ sessionId: string; user: User }> {
    const user = await this.verify(credentials, clientIp)
    await this.users.recordLogin(user)
    return { sessionId: await this.sessions.start(user), user }
  }

  private async verify(credentials: Credentials, clientIp: string): Promise<User> {
    await this.throttle.attempt(clientIp)
    // PostgreSQL cannot even compare text holding NUL (the query fails); no username holds one.
    const unmatchable = typeof credentials.username === 'string' && credentials.username.includes('\u0000')
    const user = unmatchable
      ? undefined
      : await this.users.authenticate(credentials.username, credentials.password)
    if (!user) throw invalidCredentials()
    return user
  }
}
