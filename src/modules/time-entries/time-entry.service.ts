import { AppError } from '../../errors.js'
import { endOfLocalDay, startOfLocalDay, zonedToInstant } from '../../lib/zoned-time.js'
import type { Clock } from '../../platform/clock.js'
import type { Project } from '../projects/project.types.js'
import type { SettingsService } from '../settings/settings.service.js'
import type { UserRepository } from '../users/user.repository.js'
import type { User } from '../users/user.types.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { TimeEntryReferences } from './time-entry-references.service.js'
import type { TimeEntryEventKind, TimeEntryEvents } from './time-entry.events.js'
import { toTimeEntryJson } from './time-entry.presenter.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import { formatUtc } from '../../lib/iso-dates.js'
import { representationChanged } from '../events/event-subject.rules.js'
import type { TimeEntryRepository } from './time-entry.repository.js'
import {
  accessDenied,
  assertEndAfterStart,
  assertProjectCanRunTimer,
  assertRequirements,
  completedDurationSeconds,
  insufficientPermissions,
  modifiedOnServer,
  normalizedBreakSeconds,
  timeEntryNotFound,
  timerAlreadyRunning,
} from './time-entry.rules.js'
import type {
  CreateEntryInput,
  CreateEntryOptions,
  EntryPage,
  ListEntriesQuery,
  NewTimeEntry,
  TimeEntryFilter,
  TimeEntryView,
} from './time-entry.types.js'
import { planUpdate, type UpdateEntryInput } from './time-entry-update.service.js'

function pickStoredFields(input: CreateEntryInput) {
  const { projectId, clientId, taskId, notes, tags, billable, paid, invoiceNumber } = input
  return {
    projectId,
    clientId,
    taskId,
    notes,
    tags,
    billable,
    paid,
    invoiceNumber,
    breakSeconds: normalizedBreakSeconds(input.breakSeconds),
  }
}

/** Every create, update and delete of time entries goes through here (api-core.md §12). */
export class TimeEntryService {
  constructor(
    private readonly entries: TimeEntryRepository,
    private readonly references: TimeEntryReferences,
    private readonly users: UserRepository,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly events: TimeEntryEvents,
    private readonly units: UnitOfWork,
    private readonly appTimezone: string,
  ) {}

  /** One page of the entries the caller may see (api-core.md §12.5). */
  async list(
    actor: User,
    query: ListEntriesQuery,
    page: EntryPage,
  ): Promise<{ entries: TimeEntryView[]; total: number }> {
    const seesAll = visibilityOf(actor, 'time_entries').scope === 'all'
    if (query.userId && !seesAll && query.userId !== actor.id) throw accessDenied()
    const { userId: requested, ...rest } = query
    const userId = requested ? requested : seesAll ? undefined : actor.id
    const filter: TimeEntryFilter = { ...rest, ...(userId === undefined ? {} : { userId }) }
    const [entries, total] = await Promise.all([this.entries.list(filter, page), this.entries.count(filter)])
    return { entries, total }
  }

  /** The entry, when the caller may see it: 404 when missing, 403 when someone else's. */
  async get(actor: User, id: number): Promise<TimeEntryView> {
    const entry = await this.entries.findById(id)
    if (!entry) throw timeEntryNotFound()
    if (entry.userId !== actor.id && visibilityOf(actor, 'time_entries').scope !== 'all') throw accessDenied()
    return entry
  }

  /** Creates a completed entry, or a running one without an end (api-core.md §12.6). */
  async createEntry(
    actor: User,
    input: CreateEntryInput,
    options: CreateEntryOptions = {},
  ): Promise<TimeEntryView> {
    if (!canWrite(actor, 'create', 'time_entries', true)) throw insufficientPermissions()
    const owner = await this.ownerFor(actor, input.userId)
    const project = await this.checkReferences(actor, input)
    const settings = await this.settings.get()
    if (options.checkRequirements !== false) assertRequirements(settings, input)
    const startTime = await this.startOf(owner, input.start)
    const endTime =
      input.endTime ??
      (input.durationMinutes === null ? null : new Date(startTime.getTime() + input.durationMinutes * 60_000))
    const entry: NewTimeEntry = {
      ...pickStoredFields(input),
      userId: owner.id,
      startTime,
      endTime,
      durationSeconds: null,
      source: options.source ?? 'manual',
      holdsSingleTimer: false,
    }
    if (endTime) await this.completeNewEntry(entry, endTime, owner, options.checkOverlap !== false)
    else await this.prepareRunningEntry(entry, project, settings.singleActiveTimer)
    return this.units.run(async () => {
      const id = await this.entries.insert(entry, this.clock.now())
      if (id === undefined) throw timerAlreadyRunning()
      return this.published('time_entry.created', actor, id)
    })
  }

  /** Partial update with the checks of api-core.md §12.7, saved atomically. */
  async updateEntry(actor: User, id: number, input: UpdateEntryInput): Promise<TimeEntryView> {
    const entry = await this.get(actor, id)
    if (!canWrite(actor, 'edit', 'time_entries', entry.userId === actor.id)) throw insufficientPermissions()
    const owner = entry.userId === actor.id ? actor : await this.users.findById(entry.userId)
    const plan = await planUpdate(entry, input, {
      references: this.references,
      entries: this.entries,
      actor,
      owner: owner ?? actor,
      requirements: await this.settings.get(),
    })
    return this.units.run(async () => {
      const saved = await this.entries.update(id, plan, entry.updatedAt, this.clock.now())
      // Changed by someone else between our read and this write: the checks above saw a stale entry.
      if (!saved) throw modifiedOnServer()
      const updated = await this.entries.findById(id)
      if (!updated) throw timeEntryNotFound()
      if (representationChanged(this.representation(entry), this.representation(updated)))
        this.events.raise('time_entry.updated', updated, actor)
      return updated
    })
  }

  /** Hard-deletes a completed entry (api-core.md §12.7). */
  async deleteEntry(actor: User, id: number): Promise<void> {
    const entry = await this.get(actor, id)
    if (!canWrite(actor, 'delete', 'time_entries', entry.userId === actor.id)) throw insufficientPermissions()
    if (entry.endTime === null) {
      throw new AppError('invalid', 'timer_active', 'Cannot delete active time entry. Stop the timer first.')
    }
    await this.units.run(async () => {
      if (!(await this.entries.deleteCompleted(id))) throw timeEntryNotFound()
      this.events.raise('time_entry.deleted', entry, actor)
    })
  }

  private async ownerFor(actor: User, userId: number | null): Promise<User> {
    if (userId === null || userId === actor.id) return actor
    if (!actor.isAdmin)
      throw new AppError('forbidden', 'forbidden', 'Only admins can create time entries for other users')
    const owner = await this.users.findById(userId)
    if (!owner?.isActive)
      throw new AppError('invalid', 'invalid_user', 'Selected user is invalid or inactive')
    return owner
  }

  /** Steps 3–5 of api-core.md §12.6; returns the project when one is given. */
  private async checkReferences(actor: User, input: CreateEntryInput): Promise<Project | undefined> {
    if (input.projectId === null && input.clientId === null) {
      throw new AppError('invalid', 'missing_project_or_client', 'Either project or client must be selected')
    }
    let project: Project | undefined
    if (input.projectId !== null) {
      project = await this.references.projectForEntry(actor, input.projectId)
      if (input.taskId !== null)
        await this.references.taskOfProject(input.taskId, project.id, 'Invalid task for selected project')
    }
    if (input.clientId !== null) {
      await this.references.clientForEntry(actor, input.clientId)
      if (input.taskId !== null) {
        throw new AppError(
          'invalid',
          'task_not_allowed',
          'Tasks can only be assigned to project-based time entries',
        )
      }
    }
    return project
  }

  /** The start instant; a bare day starts right after the owner's last entry of it, else at 09:00 local. */
  private async startOf(owner: User, start: CreateEntryInput['start']): Promise<Date> {
    if ('startTime' in start) return start.startTime
    const day = start.date
    const latestEnd = await this.entries.latestEndStartingBetween(
      owner.id,
      startOfLocalDay(day, this.appTimezone),
      endOfLocalDay(day, this.appTimezone),
    )
    return latestEnd ?? zonedToInstant({ ...day, hour: 9, minute: 0, second: 0 }, this.appTimezone)
  }

  /** Step 7: time range, overlap, then the owner's rounded duration. */
  private async completeNewEntry(
    entry: NewTimeEntry,
    endTime: Date,
    owner: User,
    checkOverlap: boolean,
  ): Promise<void> {
    assertEndAfterStart(entry.startTime, endTime)
    if (checkOverlap && (await this.entries.hasOverlap(owner.id, entry.startTime, endTime))) {
      throw new AppError(
        'invalid',
        'overlapping_entry',
        'This time overlaps with an existing entry. Please choose a different time range or edit the existing entry.',
      )
    }
    entry.durationSeconds = completedDurationSeconds(entry.startTime, endTime, entry.breakSeconds, owner)
  }

  /** Step 8: an active project, and the single running timer when the setting is on. */
  private async prepareRunningEntry(
    entry: NewTimeEntry,
    project: Project | undefined,
    singleActiveTimer: boolean,
  ): Promise<void> {
    if (project) assertProjectCanRunTimer(project)
    if (singleActiveTimer && (await this.entries.findRunning(entry.userId))) throw timerAlreadyRunning()
    entry.holdsSingleTimer = singleActiveTimer
  }

  private async published(kind: TimeEntryEventKind, actor: User, id: number): Promise<TimeEntryView> {
    const entry = await this.entries.findById(id)
    if (!entry) throw timeEntryNotFound()
    this.events.raise(kind, entry, actor)
    return entry
  }

  /** What a client sees of the entry, to tell whether an update changed anything. */
  private representation(entry: TimeEntryView): object {
    return toTimeEntryJson(entry, { write: formatUtc, now: this.clock.now() })
  }
}
