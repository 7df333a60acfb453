import { isUniqueViolation } from '../../db/constraint-errors.js'
import { AppError } from '../../errors.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { Clock } from '../../platform/clock.js'
import type { EventOutbox } from '../events/event-outbox.js'
import type { ClientRepository } from '../clients/client.repository.js'
import type { SecondsTotal, TimeEntryTotalsRepository } from '../time-entries/time-entry-totals.repository.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { User } from '../users/user.types.js'
import { projectFinancials } from './project-financials.rules.js'
import { projectEvent, projectUpdateEvents } from './project.events.js'
import type { NewProject, ProjectFilter, ProjectRepository } from './project.repository.js'
import {
  archiveFieldsForStatus,
  DEFAULT_BUDGET_THRESHOLD_PERCENT,
  toProjectChanges,
  type ProjectFields,
} from './project.rules.js'
import type { ProjectDetails, ProjectWithClient } from './project.types.js'

/** A page of a list: 1-based page number and its size. */
export interface PageWindow {
  page: number
  perPage: number
}

const NO_TIME: SecondsTotal = { totalSeconds: 0, billableSeconds: 0 }

const insufficientPermissions = () => new AppError('forbidden', 'forbidden', 'Insufficient permissions')
const notFound = (message = 'Project not found') => new AppError('not_found', 'not_found', message)
const invalidClient = () => new AppError('invalid', 'invalid_client', 'Invalid client')

/** What a new project is when the body leaves a key out (api-core.md §9.4). */
const PROJECT_DEFAULTS = {
  code: null,
  description: null,
  billable: true,
  hourlyRateCents: null,
  billingRef: null,
  status: 'active',
  estimatedHours: null,
  budgetAmountCents: null,
  budgetThresholdPercent: DEFAULT_BUDGET_THRESHOLD_PERCENT,
  color: null,
  archivedBy: null,
  archivedReason: null,
} satisfies Partial<NewProject>

function withFinancials(found: ProjectWithClient, totals: SecondsTotal | undefined): ProjectDetails {
  const { project, clientName, clientDefaultHourlyRateCents } = found
  return {
    project,
    clientName,
    clientDefaultHourlyRateCents,
    financials: projectFinancials(project, clientDefaultHourlyRateCents, totals ?? NO_TIME),
  }
}

/** Projects of api-core.md §9, with the visibility and permission rules of §8. */
export class ProjectService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly clients: ClientRepository,
    private readonly totals: TimeEntryTotalsRepository,
    private readonly clock: Clock,
    private readonly units: UnitOfWork,
    private readonly events: EventOutbox,
  ) {}

  /** One page of the visible projects matching the filter, with totals summed in one query. */
  async list(
    user: User,
    filter: ProjectFilter,
    window: PageWindow,
  ): Promise<{ items: ProjectDetails[]; total: number }> {
    const visibility = visibilityOf(user, 'projects')
    const rows = { limit: window.perPage, offset: (window.page - 1) * window.perPage }
    const [found, total] = await Promise.all([
      this.projects.listVisible(visibility, filter, rows),
      this.projects.countVisible(visibility, filter),
    ])
    const totals = await this.totals.byProject(found.map(({ project }) => project.id))
    return { items: found.map((row) => withFinancials(row, totals.get(row.project.id))), total }
  }

  /** A visible project, archived ones included: `not_found` when missing, `forbidden` when hidden. */
  async get(user: User, id: number): Promise<ProjectDetails> {
    return this.details(await this.getVisible(user, id, `Project with ID ${id} not found`))
  }

  /** Creates a project owned by the user; any existing client may be used (api-core.md §8, §9.4). */
  async create(user: User, fields: ProjectFields): Promise<ProjectDetails> {
    const changes = toProjectChanges(fields, true)
    if (!canWrite(user, 'create', 'projects', true)) throw insufficientPermissions()
    const client = changes.clientId === undefined ? undefined : await this.clients.findById(changes.clientId)
    if (!client) throw invalidClient()
    const name = changes.name as string
    await this.assertUnique(client.id, name, changes.code)
    const now = this.clock.now()
    const archive = archiveFieldsForStatus('active', changes.status, user.id, now)
    return this.saving(client.id, name, changes.code, undefined, () =>
      this.units.run(async () => {
        const project = await this.projects.insert(
          { ...PROJECT_DEFAULTS, ...changes, ...archive, name, clientId: client.id, createdBy: user.id },
          now,
        )
        const found = {
          project,
          clientName: client.name,
          clientDefaultHourlyRateCents: client.defaultHourlyRateCents,
        }
        const details = withFinancials(found, NO_TIME)
        this.events.raise(projectEvent('created', user, details))
        return details
      }),
    )
  }

  /** Changes the keys present (PUT and PATCH alike), with the checks of creation (api-core.md §9.5). */
  async update(user: User, id: number, fields: ProjectFields): Promise<ProjectDetails> {
    const changes = toProjectChanges(fields, false)
    const found = await this.getWritable(user, id, 'edit')
    const current = found.project
    const clientId = changes.clientId ?? current.clientId
    if (clientId !== current.clientId) await this.assertUsableClient(user, clientId)
    const name = changes.name ?? current.name
    await this.assertUnique(clientId, name, changes.code, id)
    const now = this.clock.now()
    const archive = archiveFieldsForStatus(current.status, changes.status, user.id, now)
    return this.saving(clientId, name, changes.code, id, () =>
      this.units.run(async () => {
        const before = await this.details(found)
        const updated = await this.projects.update(id, { ...changes, ...archive }, now)
        if (!updated) throw notFound()
        const after = await this.details(await this.getVisible(user, id))
        for (const event of projectUpdateEvents(user, before, after)) this.events.raise(event)
        return after
      }),
    )
  }

  /** DELETE archives, never deletes; archiving again refreshes the archive fields (api-core.md §9.6). */
  async archive(user: User, id: number): Promise<void> {
    await this.getWritable(user, id, 'delete')
    const now = this.clock.now()
    await this.units.run(async () => {
      await this.projects.update(
        id,
        { status: 'archived', archivedAt: now, archivedBy: user.id, archivedReason: 'Archived via API' },
        now,
      )
      this.events.raise(projectEvent('archived', user, await this.details(await this.getVisible(user, id))))
    })
  }

  private async details(found: ProjectWithClient): Promise<ProjectDetails> {
    const totals = await this.totals.byProject([found.project.id])
    return withFinancials(found, totals.get(found.project.id))
  }

  private async getVisible(user: User, id: number, missingMessage?: string): Promise<ProjectWithClient> {
    const found = await this.projects.findForViewer(id, visibilityOf(user, 'projects'))
    if (!found) throw notFound(missingMessage)
    if (!found.isVisible)
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this project')
    return found
  }

  private async getWritable(user: User, id: number, action: 'edit' | 'delete'): Promise<ProjectWithClient> {
    const found = await this.getVisible(user, id)
    if (!canWrite(user, action, 'projects', found.project.createdBy === user.id))
      throw insufficientPermissions()
    return found
  }

  /** Moving a project: the new client must exist and be visible to the user. */
  private async assertUsableClient(user: User, clientId: number): Promise<void> {
    const found = await this.clients.findForViewer(clientId, visibilityOf(user, 'clients'))
    if (!found) throw invalidClient()
    if (!found.isVisible)
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this client')
  }

  /** Name unique within the client (exact), code unique overall (§9.4 checks 4 and 5). */
  private async assertUnique(
    clientId: number,
    name: string,
    code: string | null | undefined,
    exceptId?: number,
  ): Promise<void> {
    if (await this.projects.isNameTaken(clientId, name, exceptId)) {
      throw new AppError(
        'invalid',
        'duplicate_project',
        'A project with this name already exists for this client',
      )
    }
    if (code && (await this.projects.isCodeTaken(code, exceptId))) {
      throw new AppError('invalid', 'duplicate_code', 'Project code already in use')
    }
  }

  /** A concurrent request may take the name or code between the checks and the write; the unique keys decide. */
  private async saving<T>(
    clientId: number,
    name: string,
    code: string | null | undefined,
    exceptId: number | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    try {
      return await write()
    } catch (error) {
      if (isUniqueViolation(error)) await this.assertUnique(clientId, name, code, exceptId)
      throw error
    }
  }
}
