import type { Insertable, Kysely, Selectable } from 'kysely'
import type { Database, ProjectTable } from '../../db/tables.js'
import { readFlag, readInstant, readOptionalInstant } from '../../db/values.js'
import { projectVisible } from '../../db/visibility-filters.js'
import type { Visibility } from '../users/visibility.rules.js'
import type { Project, ProjectStatus } from './project.types.js'

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

  /** True when the project exists and `visibility` shows it. */
  async isVisible(id: number, visibility: Visibility): Promise<boolean> {
    const row = await this.db
      .selectFrom('projects as p')
      .select('p.id')
      .where('p.id', '=', id)
      .where(projectVisible(visibility, { id: 'p.id', clientId: 'p.clientId', createdBy: 'p.createdBy' }))
      .executeTakeFirst()
    return row !== undefined
  }

  async addMember(projectId: number, userId: number): Promise<void> {
    await this.db
      .insertInto('projectMembers')
      .values({ projectId, userId })
      .onConflict((oc) => oc.columns(['projectId', 'userId']).doNothing())
      .execute()
  }
}
