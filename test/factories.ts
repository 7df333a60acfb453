import type { Dependencies } from '../src/dependencies.js'
import type { User } from '../src/modules/users/user.types.js'

let sequence = 0

/** A user of its own for each test; password "password-123" unless given. */
export async function createUser(
  deps: Dependencies,
  overrides: { username?: string; role?: string; password?: string } = {},
): Promise<User> {
  sequence += 1
  return deps.users.create({
    username: overrides.username ?? `user${sequence}_${process.pid}`,
    password: overrides.password ?? 'password-123',
    role: overrides.role ?? 'user',
  })
}

/** A token for the user with the given scopes; returns the plain value. */
export async function createToken(
  deps: Dependencies,
  user: User,
  scopes: string[] = ['read:*', 'write:*'],
  expiresDays?: number,
): Promise<string> {
  const { plain } = await deps.tokens.create({ userId: user.id, name: 'test token', scopes, expiresDays })
  return plain
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}
