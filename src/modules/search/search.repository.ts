import type { Kysely } from 'kysely'
import type { Database } from '../../db/tables.js'
import { containsIgnoringCase } from '../../db/text-match.js'
import { clientVisible, projectVisible } from '../../db/visibility-filters.js'
import type { Visibility } from '../users/visibility.rules.js'
import type { ClientHit, EntryHit, ProjectHit, TaskHit } from './search.types.js'

// Read-only matching across the tables of several modules for `GET /api/v1/search`
// (api-core.md §16). Every match is a case-insensitive substring with `%` and `_` literal.

const PROJECT_COLUMNS = { id: 'p.id', clientId: 'p.clientId', createdBy: 'p.createdBy' }

export class SearchRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Active visible projects whose name or description contains `text`, by id. */
  async projects(text: string, limit: number, visibility: Visibility): Promise<ProjectHit[]> {
    return this.db
      .selectFrom('projects as p')
      .select(['p.id', 'p.name', 'p.description'])
      .where('p.status', '=', 'active')
      .where(projectVisible(visibility, PROJECT_COLUMNS))
      .where((eb) =>
        eb.or([containsIgnoringCase('p.name', text), containsIgnoringCase('p.description', text)]),
      )
      .orderBy('p.id')
      .limit(limit)
      .execute()
  }

  /**
   * Tasks of active visible projects whose name or description contains `text`, by id;
   * with `onlyUserId`, only those assigned to or created by that user.
   */
  async tasks(
    text: string,
    limit: number,
    projectVisibility: Visibility,
    onlyUserId: number | undefined,
  ): Promise<TaskHit[]> {
    return this.db
      .selectFrom('tasks as t')
      .innerJoin('projects as p', 'p.id', 't.projectId')
      .select(['t.id', 't.name', 't.status', 'p.name as projectName'])
      .where('p.status', '=', 'active')
      .where(projectVisible(projectVisibility, PROJECT_COLUMNS))
      .$if(onlyUserId !== undefined, (query) =>
        query.where((eb) =>
          eb.or([
            eb('t.assignedTo', '=', onlyUserId as number),
            eb('t.createdBy', '=', onlyUserId as number),
          ]),
        ),
      )
      .where((eb) =>
        eb.or([containsIgnoringCase('t.name', text), containsIgnoringCase('t.description', text)]),
      )
      .orderBy('t.id')
      .limit(limit)
      .execute()
  }

  /** Visible clients of any status matching on name, email, company, description or contact person, by id. */
  async clients(text: string, limit: number, visibility: Visibility): Promise<ClientHit[]> {
    const fields = ['c.name', 'c.email', 'c.company', 'c.description', 'c.contactPerson']
    return this.db
      .selectFrom('clients as c')
      .select(['c.id', 'c.name', 'c.description', 'c.contactPerson', 'c.email'])
      .where(clientVisible(visibility, { id: 'c.id', createdBy: 'c.createdBy' }))
      .where((eb) => eb.or(fields.map((field) => containsIgnoringCase(field, text))))
      .orderBy('c.id')
      .limit(limit)
      .execute()
  }

  /** Completed entries whose notes or tags contain `text`, newest first; with `onlyUserId`, that user's only. */
  async entries(text: string, limit: number, onlyUserId: number | undefined): Promise<EntryHit[]> {
    return this.db
      .selectFrom('timeEntries as e')
      .leftJoin('projects as p', 'p.id', 'e.projectId')
      .leftJoin('tasks as t', 't.id', 'e.taskId')
      .select([
        'e.id',
        'e.notes',
        'e.tags',
        'e.durationSeconds',
        'p.name as projectName',
        't.name as taskName',
      ])
      .where('e.endTime', 'is not', null)
      .$if(onlyUserId !== undefined, (query) => query.where('e.userId', '=', onlyUserId as number))
      .where((eb) => eb.or([containsIgnoringCase('e.notes', text), containsIgnoringCase('e.tags', text)]))
      .orderBy('e.startTime', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute()
  }
}
