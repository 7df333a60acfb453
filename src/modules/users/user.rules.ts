import { AppError } from '../../errors.js'

export const ROLE_NAMES = ['admin', 'manager', 'user', 'viewer', 'subcontractor'] as const
export type RoleName = (typeof ROLE_NAMES)[number]

export const MIN_PASSWORD_LENGTH = 8

/** Usernames are stored trimmed and lowercase (web-app.md §3.1). */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase()
}

export function isValidUsername(username: string): boolean {
  return /^[a-z0-9._-]{1,100}$/.test(username)
}

export function isRoleName(value: string): value is RoleName {
  return (ROLE_NAMES as readonly string[]).includes(value)
}

/** Throws `validation_error` naming every bad field of a new account. */
export function assertValidAccount(input: {
  username: string
  password: string | undefined
  role: string
}): void {
  const errors: Record<string, string[]> = {}
  if (!isValidUsername(input.username)) {
    errors.username = ['Invalid username format (1-100 characters: a-z, 0-9, dot, dash, underscore).']
  }
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = [`Password must be at least ${MIN_PASSWORD_LENGTH} characters long.`]
  }
  if (!isRoleName(input.role)) errors.role = [`Must be one of: ${ROLE_NAMES.join(', ')}.`]
  if (Object.keys(errors).length > 0) throw AppError.validation(errors)
}
