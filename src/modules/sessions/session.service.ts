import type { Clock } from '../../platform/clock.js'
import { randomId, sha256Hex } from '../../platform/secrets.js'
import type { UserRepository } from '../users/user.repository.js'
import type { User } from '../users/user.types.js'
import type { SessionRepository } from './session.repository.js'

/** Every login sets the remember-me lifetime (web-app.md §1.1). */
export const SESSION_LIFETIME_SECONDS = 365 * 86_400

export interface ActiveSession {
  user: User
  csrfToken: string
}

/** Browser sessions: the cookie carries a random id, the database only its hash. */
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
  ) {}

  /** Starts a session and returns the id for the cookie. */
  async start(user: User): Promise<string> {
    const id = randomId()
    const now = this.clock.now()
    const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_SECONDS * 1000)
    await this.sessions.insert(sha256Hex(id), { userId: user.id, csrfToken: randomId(24), expiresAt }, now)
    return id
  }

  /** The live session behind a cookie id, if any (expired sessions and inactive users have none). */
  async resume(id: string): Promise<ActiveSession | undefined> {
    const session = await this.sessions.find(sha256Hex(id))
    if (!session || session.expiresAt.getTime() <= this.clock.now().getTime()) return undefined
    const user = await this.users.findById(session.userId)
    if (!user?.isActive) return undefined
    return { user, csrfToken: session.csrfToken }
  }

  async end(id: string): Promise<void> {
    await this.sessions.delete(sha256Hex(id))
  }

  async purgeExpired(): Promise<void> {
    await this.sessions.deleteExpired(this.clock.now())
  }
}
