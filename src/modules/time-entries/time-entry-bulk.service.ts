import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { EntryChangeGroup, TimeEntryBatchRepository } from './time-entry-batch.repository.js'
import { bulkChanges, isTruthy, NOTHING_UPDATED, tagOf, type BulkAction } from './time-entry-bulk.rules.js'
import type { TimeEntryEvents } from './time-entry.events.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { TimeEntryRepository } from './time-entry.repository.js'
import { insufficientPermissions } from './time-entry.rules.js'
import type { TimeEntryChanges, TimeEntryView } from './time-entry.types.js'

/** A bulk request with its ids and action already validated (api-core.md §12.9 steps 1–3). */
export interface BulkInput {
  entryIds: number[]
  action: BulkAction
  /** The flag or tag, as sent. */
  value: unknown
}

// Ids a serial column can hold; others cannot exist, and PostgreSQL would reject them as out of range.
const isStorableId = (id: number) => Number.isSafeInteger(id) && id >= 1 && id <= 2_147_483_647

/** `POST /time-entries/bulk`: one action on many entries, in one transaction (api-core.md §12.9). */
export class TimeEntryBulkService {
  constructor(
    private readonly entries: TimeEntryRepository,
    private readonly batch: TimeEntryBatchRepository,
    private readonly clock: Clock,
    private readonly events: TimeEntryEvents,
    private readonly units: UnitOfWork,
  ) {}

  /** Applies the action to the caller's entries (running ones skipped); returns how many it affected. */
  async apply(actor: User, input: BulkInput): Promise<number> {
    const found = await this.entries.findManyByIds([...new Set(input.entryIds)].filter(isStorableId))
    if (found.length === 0) throw new AppError('not_found', 'not_found', 'No entries found')
    assertMayChangeAll(actor, input.action, found)
    const value = valueFor(input)
    const completed = found.filter((entry) => entry.endTime !== null)
    if (completed.length === 0) throw new AppError('invalid', 'bad_request', NOTHING_UPDATED)
    const { action } = input
    if (action === 'delete') await this.delete(actor, completed)
    else await this.update(actor, completed, (entry) => bulkChanges(action, value, entry))
    return completed.length
  }

  private async delete(actor: User, entries: TimeEntryView[]): Promise<void> {
    await this.units.run(async () => {
      await this.batch.deleteCompleted(entries.map((entry) => entry.id))
      for (const entry of entries) this.events.raise('time_entry.deleted', entry, actor)
    })
  }

  private async update(
    actor: User,
    entries: TimeEntryView[],
    changesOf: (entry: TimeEntryView) => TimeEntryChanges,
  ): Promise<void> {
    const now = this.clock.now()
    const changes = new Map(entries.map((entry) => [entry.id, changesOf(entry)]))
    await this.units.run(async () => {
      await this.batch.updateCompleted(groupByChanges(changes), now)
      for (const entry of entries) {
        const updated = { ...entry, ...changes.get(entry.id), updatedAt: now }
        this.events.raise('time_entry.updated', updated, actor)
      }
    })
  }
}

/** Step 5: someone else's entry without the right to see all → 403; then the write permission itself. */
function assertMayChangeAll(actor: User, action: BulkAction, entries: TimeEntryView[]): void {
  const seesAll = visibilityOf(actor, 'time_entries').scope === 'all'
  if (!seesAll && entries.some((entry) => entry.userId !== actor.id)) {
    throw new AppError('forbidden', 'forbidden', 'Access denied for one or more entries')
  }
  const permission = action === 'delete' ? 'delete' : 'edit'
  if (entries.some((entry) => !canWrite(actor, permission, 'time_entries', entry.userId === actor.id))) {
    throw insufficientPermissions()
  }
}

/** Step 6 for tag actions (the tag), else the flag the value's truthiness gives. */
function valueFor(input: BulkInput): boolean | string {
  if (input.action !== 'add_tag' && input.action !== 'remove_tag') return isTruthy(input.value)
  const tag = tagOf(input.value)
  if (tag === undefined) {
    throw AppError.validation({ value: ['Tag value is required'] }, 'Tag value is required')
  }
  return tag
}

/** Entries that get the same changes share one UPDATE. */
function groupByChanges(changes: Map<number, TimeEntryChanges>): EntryChangeGroup[] {
  const groups = new Map<string, EntryChangeGroup>()
  for (const [id, change] of changes) {
    const key = JSON.stringify(change)
    const group = groups.get(key) ?? { ids: [], changes: change }
    group.ids.push(id)
    groups.set(key, group)
  }
  return [...groups.values()]
}
