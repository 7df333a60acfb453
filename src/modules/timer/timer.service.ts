import { AppError } from '../../errors.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { Clock } from '../../platform/clock.js'
import type { SettingsService } from '../settings/settings.service.js'
import type { User } from '../users/user.types.js'
import { canWrite } from '../users/visibility.rules.js'
import type { TimeEntryReferences } from '../time-entries/time-entry-references.service.js'
import type { TimeEntryEventKind, TimeEntryEvents } from '../time-entries/time-entry.events.js'
import type { TimeEntryRepository } from '../time-entries/time-entry.repository.js'
import {
  assertProjectCanRunTimer,
  assertRequirements,
  completedDurationSeconds,
  insufficientPermissions,
  timeEntryNotFound,
  timerAlreadyRunning,
} from '../time-entries/time-entry.rules.js'
import type { TimeEntryView } from '../time-entries/time-entry.types.js'

export interface StartTimerInput {
  projectId: number
  taskId: number | null
  /** Trimmed, null when empty. */
  notes: string | null
}

function noActiveTimer(message: string): AppError {
  return new AppError('invalid', 'no_active_timer', message)
}

/** Whole seconds from `from` to `to`, never negative. */
function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000))
}

/** The caller's running timer: start, stop, pause and resume (api-core.md §13). */
export class TimerService {
  constructor(
    private readonly entries: TimeEntryRepository,
    private readonly references: TimeEntryReferences,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly events: TimeEntryEvents,
    private readonly units: UnitOfWork,
  ) {}

  /** The user's running timer (lowest id), if any. */
  async status(actor: User): Promise<TimeEntryView | undefined> {
    return this.entries.findRunning(actor.id)
  }

  /** Starts a timer now, in the order of checks of api-core.md §13.2. */
  async start(actor: User, input: StartTimerInput): Promise<TimeEntryView> {
    if (!canWrite(actor, 'create', 'time_entries', true)) throw insufficientPermissions()
    await this.references.assertProjectVisibleForTimer(actor, input.projectId)
    const settings = await this.settings.get()
    if (settings.singleActiveTimer && (await this.entries.findRunning(actor.id))) throw timerAlreadyRunning()
    const project = await this.references.projectForTimer(input.projectId)
    assertProjectCanRunTimer(project)
    if (input.taskId !== null) {
      await this.references.taskOfProject(
        input.taskId,
        project.id,
        'Selected task is invalid for the chosen project',
      )
    }
    assertRequirements(settings, input)
    const now = this.clock.now()
    return this.units.run(() => this.insertTimer(actor, input, project.id, settings.singleActiveTimer, now))
  }

  private async insertTimer(
    actor: User,
    input: StartTimerInput,
    projectId: number,
    singleActiveTimer: boolean,
    now: Date,
  ): Promise<TimeEntryView> {
    const id = await this.entries.insert(
      {
        userId: actor.id,
        projectId,
        clientId: null,
        taskId: input.taskId,
        startTime: now,
        endTime: null,
        durationSeconds: null,
        breakSeconds: 0,
        notes: input.notes,
        tags: null,
        source: 'auto',
        billable: true,
        paid: false,
        invoiceNumber: null,
        holdsSingleTimer: singleActiveTimer,
      },
      now,
    )
    // Another request of the same user claimed the single timer first.
    if (id === undefined) throw timerAlreadyRunning()
    return this.published('time_entry.started', actor, id)
  }

  /** Stops the running timer; a pause in progress counts as break, not work (api-core.md §13.3). */
  async stop(actor: User): Promise<TimeEntryView> {
    const timer = await this.runningTimer(actor, 'No active timer to stop')
    const now = this.clock.now()
    const breakSeconds = timer.breakSeconds + (timer.pausedAt ? secondsBetween(timer.pausedAt, now) : 0)
    const durationSeconds = completedDurationSeconds(timer.startTime, now, breakSeconds, actor)
    return this.units.run(async () => {
      // Stopped by a concurrent request between our read and this write.
      if (!(await this.entries.stop(timer.id, { endTime: now, durationSeconds, breakSeconds }, now))) {
        throw noActiveTimer('No active timer to stop')
      }
      return this.published('time_entry.stopped', actor, timer.id)
    })
  }

  /** Pauses the running timer (api-core.md §13.4). */
  async pause(actor: User): Promise<TimeEntryView> {
    const timer = await this.runningTimer(actor, 'No active timer found')
    const now = this.clock.now()
    if (timer.pausedAt !== null || !(await this.entries.pause(timer.id, now))) {
      throw new AppError('invalid', 'invalid_state', 'Timer is already paused')
    }
    return this.found(timer.id)
  }

  /** Resumes a paused timer, adding the pause to its break (api-core.md §13.4). */
  async resume(actor: User): Promise<TimeEntryView> {
    const timer = await this.runningTimer(actor, 'No active timer found')
    const now = this.clock.now()
    const pausedAt = timer.pausedAt
    const breakSeconds = pausedAt ? timer.breakSeconds + secondsBetween(pausedAt, now) : 0
    if (pausedAt === null || !(await this.entries.resume(timer.id, pausedAt, breakSeconds, now))) {
      throw new AppError('invalid', 'invalid_state', 'Timer is not paused')
    }
    return this.found(timer.id)
  }

  private async runningTimer(actor: User, missingMessage: string): Promise<TimeEntryView> {
    const timer = await this.entries.findRunning(actor.id)
    if (!timer) throw noActiveTimer(missingMessage)
    if (!canWrite(actor, 'edit', 'time_entries', true)) throw insufficientPermissions()
    return timer
  }

  private async found(id: number): Promise<TimeEntryView> {
    const entry = await this.entries.findById(id)
    if (!entry) throw timeEntryNotFound()
    return entry
  }

  /** Pausing and resuming raise nothing (webhooks.md §3.2). */
  private async published(kind: TimeEntryEventKind, actor: User, id: number): Promise<TimeEntryView> {
    const entry = await this.found(id)
    this.events.raise(kind, entry, actor)
    return entry
  }
}
