import type { Kysely, Selectable, Updateable } from 'kysely'
import type { Database, TimeEntryApprovalTable } from '../../db/tables.js'
import { readInstant, readOptionalInstant } from '../../db/values.js'
import type { Approval, ApprovalRequest, ApprovalStatus } from './approval.types.js'

function toApproval(row: Selectable<TimeEntryApprovalTable>): Approval {
  return {
    ...row,
    status: row.status as ApprovalStatus,
    requestedAt: readInstant(row.requestedAt),
    approvedAt: readOptionalInstant(row.approvedAt),
    rejectedAt: readOptionalInstant(row.rejectedAt),
  }
}

/**
 * Approval chains (api-extended.md §4). Every decision is a conditional update on
 * `status = 'pending'`, so of two concurrent decisions on one level exactly one changes it.
 */
export class TimeEntryApprovalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<Approval | undefined> {
    const row = await this.db
      .selectFrom('timeEntryApprovals')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toApproval(row)
  }

  /** Every pending level, newest request first. */
  async listPending(): Promise<Approval[]> {
    const rows = await this.db
      .selectFrom('timeEntryApprovals')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('requestedAt', 'desc')
      .orderBy('id', 'desc')
      .execute()
    return rows.map(toApproval)
  }

  async hasPendingForEntry(timeEntryId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('timeEntryApprovals')
      .select('id')
      .where('timeEntryId', '=', timeEntryId)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    return row !== undefined
  }

  async hasPendingChild(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('timeEntryApprovals')
      .select('id')
      .where('parentApprovalId', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst()
    return row !== undefined
  }

  /** Inserts levels 1…n, each the child of the one before; returns level 1. */
  async insertChain(request: ApprovalRequest, now: Date): Promise<Approval> {
    let parent: Approval | undefined
    let first: Approval | undefined
    for (let level = 1; level <= request.levels; level += 1) {
      const row = await this.db
        .insertInto('timeEntryApprovals')
        .values({
          timeEntryId: request.timeEntryId,
          status: 'pending',
          requestedBy: request.requestedBy,
          requestedAt: now,
          requestComment: request.comment,
          parentApprovalId: parent?.id ?? null,
          approvalLevel: level,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      parent = toApproval(row)
      first ??= parent
    }
    return first as Approval
  }

  /** Approves a pending level; undefined when it was no longer pending. */
  async approve(
    id: number,
    approverId: number,
    comment: string | null,
    now: Date,
  ): Promise<Approval | undefined> {
    return this.decide(id, {
      status: 'approved',
      approvedBy: approverId,
      approvedAt: now,
      approvalComment: comment,
    })
  }

  /** Rejects a pending level; undefined when it was no longer pending. */
  async reject(id: number, approverId: number, reason: string, now: Date): Promise<Approval | undefined> {
    return this.decide(id, {
      status: 'rejected',
      approvedBy: approverId,
      rejectedAt: now,
      rejectionReason: reason,
    })
  }

  /** Cancels a pending level; undefined when it was no longer pending. */
  async cancel(id: number): Promise<Approval | undefined> {
    return this.decide(id, { status: 'cancelled' })
  }

  /** Cancels the pending levels whose parent is `id` (direct children only, §4.3). */
  async cancelPendingChildren(id: number): Promise<void> {
    await this.db
      .updateTable('timeEntryApprovals')
      .set({ status: 'cancelled' })
      .where('parentApprovalId', '=', id)
      .where('status', '=', 'pending')
      .execute()
  }

  private async decide(
    id: number,
    changes: Updateable<TimeEntryApprovalTable> & { status: ApprovalStatus },
  ): Promise<Approval | undefined> {
    const row = await this.db
      .updateTable('timeEntryApprovals')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst()
    return row && toApproval(row)
  }
}
