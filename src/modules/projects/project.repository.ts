import { sql, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely'
import type { Database, ProjectTable } from '../../db/tables.js'
import { readFlag, readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import { projectVisible } from '../../db/visibility-filters.js'
import type { ProjectCounts } from '../clients/client.types.js'
import type { Visibility } from '../users/visibility.rules.js'
import type { ProjectChanges } from './project.rules.js'
import type { Project, ProjectStatus, ProjectWithClient } from './project.types.js'

export function toProject(row: Selectable<ProjectTable>): Project {
  return {
    ...row,
    billable: readFlag(row.billable),
    status: row.status as ProjectStatus,
    customFields: JSON.parse(row.customFields) as Record<string, unknown>,
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
    archivedAt: readOptionalInstant(row.archivedAt),
  }
}

export type NewProject = Omit<Insertable<ProjectTable>, 'id' | 'createdAt' | 'updatedAt'>

/** Everything an update may set, archive fields included. */
export type ProjectUpdate = ProjectChanges &
  Partial<Pick<Project, 'archivedAt' | 'archivedBy' | 'archivedReason'>>

/** `status` undefined lists every status; `clientId` undefined every client. */
export interface ProjectFilter {
  status: string | undefined
  clientId: number | undefined
}

/** Rows to skip and take for one page of a list. */
export interface RowWindow {
  limit: number
  offset: number
}

type JoinedRow = Selectable<ProjectTable> & { clientName: string | null; clientRateCents: number | null }

function toProjectWithClient({ clientName, clientRateCents, ...row }: JoinedRow): ProjectWithClient {
  return { project: toProject(row), clientName, clientDefaultHourlyRateCents: clientRateCents }
}

const visibleTo = (visibility: Visibility) =>
  projectVisible(visibility, { id: 'p.id', clientId: 'p.clientId', createdBy: 'p.createdBy' })

/** Visible under `visibility` and matching `filter`; for queries over `projects as p`. */
function matching(visibility: Visibility, filter: ProjectFilter) {
  const conditions = [visibleTo(visibility)]
  if (filter.status !== undefined) conditions.push(sql<SqlBool>`p.status = ${filter.status}`)
  if (filter.clientId !== undefined) conditions.push(sql<SqlBool>`p.client_id = ${filter.clientId}`)
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`
}

export class ProjectRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(project: NewProject, now: Date): Promise<Project> {
    const row = await this.db
      .insertInto('projects')
      .values({ ...project, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toProject(row)
  }

  async findById(id: number): Promise<Project | undefined> {
    const row = await this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toProject(row)
  }

  /** The project, its client's name and rate, and whether `visibility` shows it; undefined when missing. */
  async findForViewer(
    id: number,
    visibility: Visibility,
  ): Promise<(ProjectWithClient & { isVisible: boolean }) | undefined> {
    const row = await this.withClient()
      .select(visibleTo(visibility).as('isVisible'))
      .where('p.id', '=', id)
      .executeTakeFirst()
    if (!row) return undefined
    const { isVisible, ...joined } = row
    return { ...toProjectWithClient(joined), isVisible: readFlag(isVisible) }
  }

  /** True when the project exists and `visibility` shows it. */
  async isVisible(id: number, visibility: Visibility): Promise<boolean> {
    const row = await this.db
      .selectFrom('projects as p')
      .select('p.id')
      .where('p.id', '=', id)
      .where(visibleTo(visibility))
      .executeTakeFirst()
    return row !== undefined
  }

  /** One page of the visible projects matching `filter`, by name then id (api-core.md §9.2). */
  async listVisible(
    visibility: Visibility,
    filter: ProjectFilter,
    window: RowWindow,
  ): Promise<ProjectWithClient[]> {
    const rows = await this.withClient()
      .where(matching(visibility, filter))
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(window.limit)
      .offset(window.offset)
      .execute()
    return rows.map(toProjectWithClient)
  }

  async countVisible(visibility: Visibility, filter: ProjectFilter): Promise<number> {
    const row = await this.db
      .selectFrom('projects as p')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(matching(visibility, filter))
      .executeTakeFirstOrThrow()
    return readNumber(row.count)
  }

  /** Per client id: its projects of any status and its active ones, in one grouped query. */
  async countByClient(clientIds: number[]): Promise<Map<number, ProjectCounts>> {
    const counts = new Map<number, ProjectCounts>()
    if (clientIds.length === 0) return counts
    const rows = await this.db
      .selectFrom('projects')
      .select((eb) => [
        'clientId',
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('status', '=', 'active').then(1).else(0).end()).as('active'),
      ])
      .where('clientId', 'in', clientIds)
      .groupBy('clientId')
      .execute()
    for (const row of rows)
      counts.set(row.clientId, { total: readNumber(row.total), active: readNumber(row.active) })
    return counts
  }

  /** True when another project (not `exceptId`) of the client has exactly this name. */
  async isNameTaken(clientId: number, name: string, exceptId?: number): Promise<boolean> {
    let query = this.db
      .selectFrom('projects')
      .select('id')
      .where('clientId', '=', clientId)
      .where('name', '=', name)
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
    return (await query.executeTakeFirst()) !== undefined
  }

  /** True when another project (not `exceptId`) has this code. */
  async isCodeTaken(code: string, exceptId?: number): Promise<boolean> {
    let query = this.db.selectFrom('projects').select('id').where('code', '=', code)
    if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
    return (await query.executeTakeFirst()) !== undefined
  }

  /** Applies the changes and stamps `updatedAt`; undefined when the project is gone. */
  async update(id: number, changes: ProjectUpdate, now: Date): Promise<Project | undefined> {
    const row = await this.db
      .updateTable('projects')
      .set({ ...changes, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toProject(row)
  }

  async addMember(projectId: number, userId: number): Promise<void> {
    await this.db
      .insertInto('projectMembers')
      .values({ projectId, userId })
      .onConflict((oc) => oc.columns(['projectId', 'userId']).doNothing())
      .execute()
  }

  private withClient() {
    return this.db
      .selectFrom('projects as p')
      .leftJoin('clients as c', 'c.id', 'p.clientId')
      .selectAll('p')
      .select(['c.name as clientName', 'c.defaultHourlyRateCents as clientRateCents'])
  }
}
