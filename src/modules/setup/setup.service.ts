import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import { secondsUntilFree, type RateLimitStore } from '../../platform/rate-limit-store.js'
import { randomAlphanumeric, safeEqual } from '../../platform/secrets.js'
import type { SessionService } from '../sessions/session.service.js'
import type { UserService } from '../users/user.service.js'
import type { User } from '../users/user.types.js'

const MINUTE_MS = 60_000
const WRONG_CODES_PER_MINUTE = 5

export interface CreateAdministratorInput {
  setupCode: string
  username: string
  password: string
  passwordConfirm: string
}

/**
 * First-run set-up (web-app.md §2): while no administrator exists, whoever holds the
 * one-time code printed in the server log may create one.
 */
export class SetupService {
  private setupComplete = false
  private readonly setupCode = randomAlphanumeric(12)

  constructor(
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
  ) {}

  /** True until an active administrator exists; once false it stays false for this process. */
  async isSetupRequired(): Promise<boolean> {
    if (!this.setupComplete) this.setupComplete = await this.users.hasActiveAdmin()
    return !this.setupComplete
  }

  /** The code to print at start-up, or undefined when set-up is already complete. */
  async codeToAnnounce(): Promise<string | undefined> {
    return (await this.isSetupRequired()) ? this.setupCode : undefined
  }

  /** Checks the code, creates the administrator and signs them in. */
  async createAdministrator(
    input: CreateAdministratorInput,
    clientIp: string,
  ): Promise<{ user: User; sessionId: string }> {
    if (!(await this.isSetupRequired()))
      throw new AppError('conflict', 'conflict', 'Set-up is already complete')
    await this.checkCode(input.setupCode, clientIp)
    if (input.password !== input.passwordConfirm) {
      throw AppError.validation({ password_confirm: ['Passwords do not match.'] })
    }
    const user = await this.users.create({
      username: input.username,
      password: input.password,
      role: 'admin',
    })
    this.setupComplete = true
    await this.users.recordLogin(user)
    return { user, sessionId: await this.sessions.start(user) }
  }

  private async checkCode(code: string, clientIp: string): Promise<void> {
    const key = `setup-code:${clientIp}`
    const window = [{ windowMs: MINUTE_MS, limit: WRONG_CODES_PER_MINUTE }]
    const now = this.clock.preciseNow()
    const failures = await this.store.peek(key, window, now)
    if (!failures.allowed) {
      const seconds = secondsUntilFree(failures.windows[0]?.oldestMs ?? null, MINUTE_MS, now)
      throw new AppError(
        'rate_limited',
        'rate_limited',
        `Too many wrong set-up codes, try again in ${seconds} seconds`,
        {
          headers: { 'Retry-After': String(seconds) },
        },
      )
    }
    if (!safeEqual(code.trim(), this.setupCode)) {
      await this.store.record(key, window, now)
      throw AppError.validation({
        setup_code: ['The set-up code is not correct. It is printed in the server log.'],
      })
    }
  }
}
