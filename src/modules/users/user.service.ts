import { AppError } from '../../errors.js'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { Clock } from '../../platform/clock.js'
import type { EventOutbox } from '../events/event-outbox.js'
import type { SettingsService } from '../settings/settings.service.js'
import { userEvent, type UserEventContext } from './user.events.js'
import { hashPassword, verifyPassword } from '../../platform/password.js'
import { randomId } from '../../platform/secrets.js'
import type { TimeEntryTotalsRepository } from '../time-entries/time-entry-totals.repository.js'
import type { UserRepository } from './user.repository.js'
import {
  assertValidAccount,
  isRoleName,
  isValidUsername,
  normalizeUsername,
  ROLE_NAMES,
} from './user.rules.js'
import type { User } from './user.types.js'

export interface CreateUserInput {
  username: string
  password: string | undefined
  email?: string | null
  fullName?: string | null
  role: string
}

export class UserService {
  private dummy: Promise<string> | undefined

  constructor(
    private readonly users: UserRepository,
    private readonly totals: TimeEntryTotalsRepository,
    private readonly clock: Clock,
    private readonly units: UnitOfWork,
    private readonly events: EventOutbox,
    private readonly settings: SettingsService,
    private readonly appTimezone: string,
  ) {}

  /** One page of active users ordered by username (`GET /api/v1/users`). */
  async listActive(page: { page: number; perPage: number }): Promise<{ users: User[]; total: number }> {
    const [users, total] = await Promise.all([this.users.listActive(page), this.users.countActive()])
    return { users, total }
  }

  /** Seconds of completed entries per user, summed in SQL (one query for any number of users). */
  async workedSeconds(userIds: number[]): Promise<Map<number, number>> {
    const totals = await this.totals.byUser(userIds)
    return new Map([...totals].map(([id, total]) => [id, total.totalSeconds]))
  }

  /** Creates an account; `conflict` when the username is taken (case-insensitively). */
  async create(input: CreateUserInput, actor: User | null = null): Promise<User> {
    const username = normalizeUsername(input.username)
    assertValidAccount({ username, password: input.password, role: input.role })
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password)
    try {
      return await this.units.run(async () => {
        const user = await this.users.insert(
          {
            username,
            email: input.email?.trim() || null,
            fullName: input.fullName?.trim() || null,
            passwordHash,
            role: input.role as User['role'],
          },
          this.clock.now(),
        )
        this.events.raise(userEvent('created', actor, user, await this.eventContext(user)))
        return user
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', 'conflict', `User "${username}" already exists`)
      throw error
    }
  }

  /** Gives the user one of the five system roles. */
  async setRole(rawUsername: string, role: string): Promise<User> {
    if (!isRoleName(role)) throw AppError.validation({ role: [`Must be one of: ${ROLE_NAMES.join(', ')}.`] })
    const user = await this.getByUsername(rawUsername)
    return this.units.run(async () => {
      await this.users.updateRole(user.id, role, this.clock.now())
      const updated = (await this.users.findById(user.id)) as User
      if (updated.role !== user.role)
        this.events.raise(userEvent('updated', null, updated, await this.eventContext(updated)))
      return updated
    })
  }

  private async eventContext(user: User): Promise<UserEventContext> {
    return {
      now: this.clock.now(),
      settings: await this.settings.get(),
      appTimezone: this.appTimezone,
      workedSeconds: await this.workedSeconds([user.id]),
    }
  }

  async getByUsername(rawUsername: string): Promise<User> {
    const username = normalizeUsername(rawUsername)
    const user = isValidUsername(username) ? await this.users.findByUsername(username) : undefined
    if (!user) throw new AppError('not_found', 'not_found', `User "${username}" not found`)
    return user
  }

  async getById(id: number): Promise<User> {
    const user = await this.users.findById(id)
    if (!user) throw new AppError('not_found', 'not_found', 'User not found')
    return user
  }

  /** The active user with this username and password, else undefined (one answer for every failure). */
  async authenticate(rawUsername: unknown, password: unknown): Promise<User | undefined> {
    if (typeof rawUsername !== 'string' || typeof password !== 'string' || password === '') return undefined
    const username = normalizeUsername(rawUsername)
    const found = isValidUsername(username) ? await this.users.findCredentials(username) : undefined
    // Unknown users cost one hash too, so the answer time does not reveal which usernames exist.
    const matches = await verifyPassword(password, found?.passwordHash ?? (await this.dummyHash()))
    return matches && found?.passwordHash && found.user.isActive ? found.user : undefined
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomId())
    return this.dummy
  }

  async recordLogin(user: User): Promise<void> {
    await this.users.updateLastLogin(user.id, this.clock.now())
  }

  /** Creates ADMIN_USERNAME/ADMIN_PASSWORD's administrator when the database has no user yet. */
  async bootstrapAdmin(
    username: string | undefined,
    password: string | undefined,
  ): Promise<User | undefined> {
    if (username === undefined || password === undefined) return undefined
    if ((await this.users.countUsers()) > 0) return undefined
    return this.create({ username, password, role: 'admin' })
  }

  async hasActiveAdmin(): Promise<boolean> {
    return this.users.hasActiveAdmin()
  }
}
