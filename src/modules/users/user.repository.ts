import type { Kysely, Selectable } from 'kysely'
import type { Database, UserTable } from '../../db/tables.js'
import { readFlag, readInstant, readOptionalInstant } from '../../db/values.js'
import type { RoleName } from './user.rules.js'
import type { NewUser, User } from './user.types.js'

type UserRow = Selectable<UserTable> & { permissions: string }

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    fullName: row.fullName,
    role: row.role as RoleName,
    permissions: JSON.parse(row.permissions) as string[],
    isAdmin: row.role === 'admin',
    isActive: readFlag(row.isActive),
    hasPassword: row.passwordHash !== null,
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
    lastLogin: readOptionalInstant(row.lastLogin),
    timezone: row.timezone,
    dateFormat: row.dateFormat,
    timeFormat: row.timeFormat,
    weekStartDay: row.weekStartDay,
    standardHoursPerDay: row.standardHoursPerDay,
    overtimeIncludeWeekends: readFlag(row.overtimeIncludeWeekends),
    timeRoundingEnabled: readFlag(row.timeRoundingEnabled),
    timeRoundingMinutes: row.timeRoundingMinutes,
    timeRoundingMethod: row.timeRoundingMethod,
    avatarFilename: row.avatarFilename,
  }
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private selectUsers() {
    return this.db
      .selectFrom('users')
      .innerJoin('roles', 'roles.name', 'users.role')
      .selectAll('users')
      .select('roles.permissions')
  }

  async findById(id: number): Promise<User | undefined> {
    const row = await this.selectUsers().where('users.id', '=', id).executeTakeFirst()
    return row && toUser(row)
  }

  async findByUsername(username: string): Promise<User | undefined> {
    const row = await this.selectUsers().where('users.username', '=', username).executeTakeFirst()
    return row && toUser(row)
  }

  /** The user and their password hash, for sign-in only. */
  async findCredentials(username: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const row = await this.selectUsers().where('users.username', '=', username).executeTakeFirst()
    return row && { user: toUser(row), passwordHash: row.passwordHash }
  }

  async insert(user: NewUser, now: Date): Promise<User> {
    const { id } = await this.db
      .insertInto('users')
      .values({ ...user, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    return (await this.findById(id)) as User
  }

  async updateRole(id: number, role: RoleName, now: Date): Promise<void> {
    await this.db.updateTable('users').set({ role, updatedAt: now }).where('id', '=', id).execute()
  }

  async updateLastLogin(id: number, now: Date): Promise<void> {
    await this.db.updateTable('users').set({ lastLogin: now }).where('id', '=', id).execute()
  }

  /** Active users ordered by username, one page of them. */
  async listActive(page: { page: number; perPage: number }): Promise<User[]> {
    const rows = await this.selectUsers()
      .where('users.isActive', '=', true)
      .orderBy('users.username')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return rows.map(toUser)
  }

  async countActive(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('isActive', '=', true)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async hasActiveAdmin(): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'admin')
      .where('isActive', '=', true)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }
}
