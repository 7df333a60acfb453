import type { RoleName } from './user.rules.js'

/** An account as the domain sees it; the password hash never leaves the repository. */
export interface User {
  id: number
  username: string
  email: string | null
  fullName: string | null
  role: RoleName
  permissions: string[]
  isAdmin: boolean
  isActive: boolean
  hasPassword: boolean
  createdAt: Date
  updatedAt: Date
  lastLogin: Date | null
  timezone: string | null
  dateFormat: string | null
  timeFormat: string | null
  weekStartDay: number
  standardHoursPerDay: number
  overtimeIncludeWeekends: boolean
  timeRoundingEnabled: boolean
  timeRoundingMinutes: number
  timeRoundingMethod: string
  avatarFilename: string | null
}

export interface NewUser {
  username: string
  email: string | null
  fullName: string | null
  passwordHash: string | null
  role: RoleName
}
