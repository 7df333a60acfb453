import { describe, expect, it } from 'vitest'
import type { User } from './user.types.js'
import { canWrite, visibilityOf } from './visibility.rules.js'

function user(role: User['role'], permissions: string[]): User {
  return { id: 7, role, permissions, isAdmin: role === 'admin' } as User
}

describe('visibility rules', () => {
  it('gives admins and view_all holders everything', () => {
    expect(visibilityOf(user('admin', []), 'projects')).toEqual({ scope: 'all' })
    expect(visibilityOf(user('manager', ['view_all_projects']), 'projects')).toEqual({ scope: 'all' })
  })

  it('limits a user to their own workspace and a subcontractor to assigned clients', () => {
    expect(visibilityOf(user('user', ['view_own_projects']), 'projects')).toEqual({ scope: 'own', userId: 7 })
    expect(visibilityOf(user('subcontractor', ['view_own_projects']), 'clients')).toEqual({
      scope: 'assigned_clients',
      userId: 7,
    })
    expect(visibilityOf(user('subcontractor', []), 'time_entries')).toEqual({ scope: 'own', userId: 7 })
  })

  it('allows own edits only with an own permission and all edits with the all permission', () => {
    const member = user('user', ['edit_own_projects', 'create_projects'])
    const viewer = user('viewer', ['view_own_projects'])

    expect(canWrite(member, 'edit', 'projects', true)).toBe(true)
    expect(canWrite(member, 'edit', 'projects', false)).toBe(false)
    expect(canWrite(member, 'create', 'projects', true)).toBe(true)
    expect(canWrite(viewer, 'create', 'projects', true)).toBe(false)
    expect(canWrite(user('admin', []), 'delete', 'projects', false)).toBe(true)
  })
})
