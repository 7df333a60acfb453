import { sql, type RawBuilder, type SqlBool } from 'kysely'
import type { Visibility } from '../modules/users/visibility.rules.js'

// SQL forms of the visibility rules of api-core.md §8, shared by every repository that lists
// or checks projects, clients and tasks. Column arguments are references such as 'p.createdBy'.

const always = sql<SqlBool>`1 = 1`

/** Projects: own = created by the user or a member of it; subcontractor = of an assigned client. */
export function projectVisible(
  v: Visibility,
  columns: { id: string; clientId: string; createdBy: string },
): RawBuilder<SqlBool> {
  if (v.scope === 'all') return always
  if (v.scope === 'assigned_clients') {
    return sql<SqlBool>`${sql.ref(columns.clientId)} in (select client_id from user_clients where user_id = ${v.userId})`
  }
  return sql<SqlBool>`(${sql.ref(columns.createdBy)} = ${v.userId} or ${sql.ref(columns.id)} in (select project_id from project_members where user_id = ${v.userId}))`
}

/** Projects visible under `v`, as a subquery of ids. */
export function visibleProjectIds(v: Visibility): RawBuilder<number> {
  return sql<number>`(select vp.id from projects vp where ${projectVisible(v, { id: 'vp.id', clientId: 'vp.clientId', createdBy: 'vp.createdBy' })})`
}

/** Clients: own = created by the user, or the client of a visible project; subcontractor = assigned. */
export function clientVisible(
  v: Visibility,
  columns: { id: string; createdBy: string },
): RawBuilder<SqlBool> {
  if (v.scope === 'all') return always
  if (v.scope === 'assigned_clients') {
    return sql<SqlBool>`${sql.ref(columns.id)} in (select client_id from user_clients where user_id = ${v.userId})`
  }
  const projects = projectVisible(v, { id: 'vc.id', clientId: 'vc.clientId', createdBy: 'vc.createdBy' })
  return sql<SqlBool>`(${sql.ref(columns.createdBy)} = ${v.userId} or ${sql.ref(columns.id)} in (select vc.client_id from projects vc where ${projects}))`
}

/** Tasks: those of visible projects; in the own workspace also tasks assigned to or created by the user. */
export function taskVisible(
  v: Visibility,
  columns: { projectId: string; assignedTo: string; createdBy: string },
): RawBuilder<SqlBool> {
  if (v.scope === 'all') return always
  const inProject = sql<SqlBool>`${sql.ref(columns.projectId)} in ${visibleProjectIds(v)}`
  if (v.scope === 'assigned_clients') return inProject
  return sql<SqlBool>`(${inProject} or ${sql.ref(columns.assignedTo)} = ${v.userId} or ${sql.ref(columns.createdBy)} = ${v.userId})`
}
