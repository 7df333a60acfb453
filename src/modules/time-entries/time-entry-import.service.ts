import { DisjointIntervalSet, StaticIntervalIndex } from '../../lib/interval-index.js'
import type { Clock } from '../../platform/clock.js'
import type { ProjectRepository } from '../projects/project.repository.js'
import type { SettingsService } from '../settings/settings.service.js'
import type { TaskRepository } from '../tasks/task.repository.js'
import type { Task } from '../tasks/task.types.js'
import type { User } from '../users/user.types.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { TimeEntryBatchRepository } from './time-entry-batch.repository.js'
import {
  importInstantReader,
  readCsvTable,
  readImportRow,
  type ImportRowValues,
} from './time-entry-import-csv.rules.js'
import {
  judgeRows,
  type ImportedProject,
  type ImportFailure,
  type ImportRowContext,
  type OverlapGuard,
} from './time-entry-import.rules.js'
import type { TimeEntryEvents } from './time-entry.events.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { NewTimeEntry, TimeEntryView } from './time-entry.types.js'

/** The answer of an import (api-core.md §12.8): counts, and the first 50 failures. */
export interface ImportSummary {
  created: number
  failed: number
  errors: ImportFailure[]
}

/** Told after each inserted chunk: entries inserted so far, of how many. */
export type ImportProgress = (inserted: number, total: number) => void

// Ids a serial column can hold; others cannot exist, and PostgreSQL would reject them as out of range.
const isStorableId = (id: unknown): id is number =>
  typeof id === 'number' && Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647

const distinctIds = (values: unknown[]) => [...new Set(values.filter(isStorableId))]

/** Intervals of a user's completed entries, and of the rows accepted so far. */
function overlapGuard(existing: StaticIntervalIndex | undefined): OverlapGuard {
  const accepted = new DisjointIntervalSet()
  if (!existing) return { overlaps: () => false, add: () => undefined }
  return {
    overlaps: (start, end) =>
      existing.overlaps(start.getTime(), end.getTime()) || accepted.overlaps(start.getTime(), end.getTime()),
    add: (start, end) => accepted.add(start.getTime(), end.getTime()),
  }
}

/** The stored entry as listeners see it, built without reading it back (a literal: 100,000 of them are cheap). */
function importedView(
  entry: NewTimeEntry,
  id: number,
  now: Date,
  names: Pick<TimeEntryView, 'userName' | 'projectName' | 'taskName'>,
): TimeEntryView {
  return {
    id,
    userId: entry.userId,
    projectId: entry.projectId,
    clientId: entry.clientId,
    taskId: entry.taskId,
    startTime: entry.startTime,
    endTime: entry.endTime,
    durationSeconds: entry.durationSeconds,
    breakSeconds: entry.breakSeconds,
    pausedAt: null,
    notes: entry.notes,
    tags: entry.tags,
    source: entry.source,
    billable: entry.billable,
    paid: entry.paid,
    invoiceNumber: entry.invoiceNumber,
    createdAt: now,
    updatedAt: now,
    userName: names.userName,
    projectName: names.projectName,
    clientName: null,
    taskName: names.taskName,
  }
}

/**
 * CSV import of time entries, shared by the HTTP route and `stint import csv`. Built for
 * large files: rows are judged in memory, each referenced project and task is read once,
 * overlaps are checked against one read of the user's entries, and the accepted rows are
 * inserted in multi-row chunks inside one transaction.
 */
export class TimeEntryImportService {
  constructor(
    private readonly batch: TimeEntryBatchRepository,
    private readonly projects: ProjectRepository,
    private readonly tasks: TaskRepository,
    private readonly settings: SettingsService,
    private readonly clock: Clock,
    private readonly events: TimeEntryEvents,
    private readonly appTimezone: string,
    private readonly units: UnitOfWork,
  ) {}

  /** Imports the CSV as `actor`; rows are independent and the valid ones are kept (api-core.md §12.8). */
  async importCsv(actor: User, text: string, onProgress?: ImportProgress): Promise<ImportSummary> {
    const table = readCsvTable(text)
    const readInstant = importInstantReader(this.appTimezone)
    const rows = table.rows.map((row) => readImportRow(row, table.columns, readInstant))
    const [projects, tasks, requirements, guard] = await Promise.all([
      this.lookUpProjects(actor, rows),
      this.lookUpTasks(rows),
      this.settings.get(),
      this.overlapGuardFor(actor, rows),
    ])
    const context: Omit<ImportRowContext, 'overlaps'> = {
      actor,
      canCreate: canWrite(actor, 'create', 'time_entries', true),
      requirements,
      project: (id) => projects.get(id),
      task: (id) => tasks.get(id),
    }
    const { entries, failed, errors } = judgeRows(rows, context, guard)
    await this.insert(actor, entries, context, onProgress)
    return { created: entries.length, failed, errors }
  }

  /** Each distinct project once, with whether the actor sees it; missing ones are left out. */
  private async lookUpProjects(actor: User, rows: ImportRowValues[]): Promise<Map<number, ImportedProject>> {
    const visibility = visibilityOf(actor, 'projects')
    const ids = distinctIds(rows.map((row) => row.projectId))
    const found = await Promise.all(ids.map((id) => this.projects.findForViewer(id, visibility)))
    const projects = new Map<number, ImportedProject>()
    for (const lookup of found) {
      if (lookup) projects.set(lookup.project.id, { project: lookup.project, isVisible: lookup.isVisible })
    }
    return projects
  }

  private async lookUpTasks(rows: ImportRowValues[]): Promise<Map<number, Task>> {
    const ids = distinctIds(rows.map((row) => row.taskId))
    const found = await Promise.all(ids.map((id) => this.tasks.findById(id)))
    return new Map(found.flatMap((task) => (task ? [[task.id, task] as const] : [])))
  }

  /** Admins skip the overlap check; others are checked against their entries within the file's span. */
  private async overlapGuardFor(actor: User, rows: ImportRowValues[]): Promise<OverlapGuard> {
    if (actor.isAdmin) return overlapGuard(undefined)
    let from = Infinity
    let until = -Infinity
    for (const { startTime, endTime } of rows) {
      if (!startTime || !endTime || endTime <= startTime) continue
      from = Math.min(from, startTime.getTime())
      until = Math.max(until, endTime.getTime())
    }
    const existing =
      from < until ? await this.batch.completedIntervals(actor.id, new Date(from), new Date(until)) : []
    return overlapGuard(new StaticIntervalIndex(existing))
  }

  /** Inserts the accepted entries, then tells listeners about each (after the commit). */
  private async insert(
    actor: User,
    entries: NewTimeEntry[],
    context: Pick<ImportRowContext, 'project' | 'task'>,
    onProgress?: ImportProgress,
  ): Promise<void> {
    if (entries.length === 0) return
    const now = this.clock.now()
    await this.units.run(async () => {
      const ids = await this.batch.insertMany(entries, now, (inserted) =>
        onProgress?.(inserted, entries.length),
      )
      this.raiseCreated(actor, entries, ids, now, context)
    })
  }

  private raiseCreated(
    actor: User,
    entries: NewTimeEntry[],
    ids: number[],
    now: Date,
    context: Pick<ImportRowContext, 'project' | 'task'>,
  ): void {
    entries.forEach((entry, index) => {
      const view = importedView(entry, ids[index] as number, now, {
        userName: actor.username,
        projectName:
          entry.projectId === null ? null : (context.project(entry.projectId)?.project.name ?? null),
        taskName: entry.taskId === null ? null : (context.task(entry.taskId)?.name ?? null),
      })
      this.events.raise('time_entry.created', view, actor)
    })
  }
}
