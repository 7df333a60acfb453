import type { ColumnType, Generated } from 'kysely'

/** Stored as timestamptz (PostgreSQL) or Unix seconds (SQLite); written as a Date. */
export type Instant = ColumnType<Date | number, Date, Date>
export type OptionalInstant = ColumnType<Date | number | null, Date | null | undefined, Date | null>
/** Stored as boolean (PostgreSQL) or 0/1 (SQLite); written as a boolean. */
export type Flag = ColumnType<boolean | number, boolean | undefined, boolean>
/** A column with a database default: optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>

export interface RoleTable {
  name: string
  description: string
  /** JSON array of permission names. */
  permissions: string
}

export interface UserTable {
  id: Generated<number>
  /** Always lowercase, so uniqueness is case-insensitive. */
  username: string
  email: string | null
  fullName: string | null
  passwordHash: string | null
  role: string
  isActive: Flag
  createdAt: Instant
  updatedAt: Instant
  lastLogin: OptionalInstant
  timezone: string | null
  dateFormat: string | null
  timeFormat: string | null
  weekStartDay: Defaulted<number>
  standardHoursPerDay: Defaulted<number>
  overtimeIncludeWeekends: Flag
  timeRoundingEnabled: Flag
  timeRoundingMinutes: Defaulted<number>
  timeRoundingMethod: Defaulted<string>
  avatarFilename: string | null
}

export interface ApiTokenTable {
  id: Generated<number>
  name: string
  description: string | null
  tokenHash: string
  tokenPrefix: string
  userId: number
  scopes: string
  createdAt: Instant
  expiresAt: OptionalInstant
  lastUsedAt: OptionalInstant
  usageCount: Defaulted<number>
  isActive: Flag
  ipWhitelist: string | null
}

export interface SessionTable {
  /** SHA-256 of the random session id carried by the cookie. */
  idHash: string
  userId: number
  csrfToken: string
  createdAt: Instant
  expiresAt: Instant
}

export interface SettingsTable {
  id: number
  timezone: Defaulted<string | null>
  currency: Defaulted<string>
  roundingMinutes: Defaulted<number>
  singleActiveTimer: Flag
  /** JSON array of module ids switched off by an admin. */
  disabledModuleIds: Defaulted<string>
  timeEntryRequireTask: Flag
  timeEntryRequireDescription: Flag
  timeEntryDescriptionMinLength: Defaulted<number>
  lockedClientId: Defaulted<number | null>
  defaultDailyWorkingHours: Defaulted<number>
  dateFormat: Defaulted<string>
  timeFormat: Defaulted<string>
  allowSelfRegister: Flag
  idleTimeoutMinutes: Defaulted<number>
}

export interface Database {
  roles: RoleTable
  users: UserTable
  apiTokens: ApiTokenTable
  sessions: SessionTable
  settings: SettingsTable
}
