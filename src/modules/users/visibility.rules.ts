import type { User } from './user.types.js'

/** The kinds of object whose visibility depends on the role (api-core.md §8). */
export type VisibleKind = 'projects' | 'clients' | 'tasks' | 'time_entries' | 'quotes' | 'reports'

/**
 * What a user may see of one kind: everything, their own workspace (created by them,
 * plus projects they are a member of and what hangs off those), or — subcontractors —
 * only what belongs to the clients assigned to them.
 */
export type Visibility =
  { scope: 'all' } | { scope: 'own'; userId: number } | { scope: 'assigned_clients'; userId: number }

/** True for admins and for holders of the exact permission. */
export function hasPermission(user: User, permission: string): boolean {
  return user.isAdmin || user.permissions.includes(permission)
}

/** The visibility rule of api-core.md §8 for this user and kind. */
export function visibilityOf(user: User, kind: VisibleKind): Visibility {
  if (hasPermission(user, `view_all_${kind}`)) return { scope: 'all' }
  if (user.role === 'subcontractor' && (kind === 'projects' || kind === 'clients' || kind === 'tasks')) {
    return { scope: 'assigned_clients', userId: user.id }
  }
  return { scope: 'own', userId: user.id }
}

/** True when the user may create/change objects of a kind: `<action>_<kind>`, or the own/all variants. */
export function canWrite(
  user: User,
  action: 'create' | 'edit' | 'delete',
  kind: VisibleKind,
  isOwn: boolean,
): boolean {
  if (hasPermission(user, `${action}_${kind}`) || hasPermission(user, `${action}_all_${kind}`)) return true
  return isOwn && hasPermission(user, `${action}_own_${kind}`)
}
