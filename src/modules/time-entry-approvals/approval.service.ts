import { isUniqueViolation } from '../../db/constraint-errors.js'
import { AppError } from '../../errors.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import type { Clock } from '../../platform/clock.js'
import type { EventOutbox } from '../events/event-outbox.js'
import { approvalEvent, type ApprovalAction } from './approval.events.js'
import { isStorableId } from '../quotes/quote.rules.js'
import type { TimeEntryRepository } from '../time-entries/time-entry.repository.js'
import type { UserRepository } from '../users/user.repository.js'
import type { User } from '../users/user.types.js'
import type { TimeEntryApprovalRepository } from './approval.repository.js'
import {
  alreadyPending,
  approvalNotFound,
  bulkErrorCode,
  canRequestApproval,
  canSeeApproval,
  cannotCancel,
  isApprover,
  levelCount,
  noApprovers,
  notAuthorizedToApprove,
  notAuthorizedToCancel,
  notPending,
  rejectionReason,
} from './approval.rules.js'
import type { Approval, ApprovalDecision, BulkApprovalResult } from './approval.types.js'

export interface ApprovalRequestInput {
  comment?: string | null
  approverIds?: unknown
}

/**
 * Time-entry approvals of api-extended.md §4. Each state change happens in one method and one
 * unit of work, with its live event (no webhooks, no notifications: §4, §9 item 18).
 */
export class TimeEntryApprovalService {
  constructor(
    private readonly approvals: TimeEntryApprovalRepository,
    private readonly entries: TimeEntryRepository,
    private readonly users: UserRepository,
    private readonly clock: Clock,
    private readonly units: UnitOfWork,
    private readonly events: EventOutbox,
  ) {}

  /** The pending levels the caller may approve: all of them for an administrator, else none. */
  async listPending(user: User): Promise<Approval[]> {
    return isApprover(user) ? this.approvals.listPending() : []
  }

  /** One approval: 404 when missing, 403 unless requester, decider or administrator. */
  async get(user: User, id: number): Promise<Approval> {
    const approval = await this.approvals.findById(id)
    if (!approval) throw approvalNotFound()
    if (!canSeeApproval(user, approval)) throw new AppError('forbidden', 'forbidden', 'Access denied')
    return approval
  }

  /** Creates the pending chain for an entry; returns its level 1. */
  async request(user: User, timeEntryId: number, input: ApprovalRequestInput): Promise<Approval> {
    const entry = await this.entries.findById(timeEntryId)
    if (!entry) throw new AppError('not_found', 'not_found', 'Time entry not found')
    if (!canRequestApproval(user, entry)) throw new AppError('forbidden', 'forbidden', 'Access denied')
    const levels = levelCount(input.approverIds)
    // Read before the transaction: on SQLite it holds the only connection.
    const hasApprovers = await this.users.hasActiveAdmin()
    const request = { timeEntryId, requestedBy: user.id, comment: input.comment ?? null, levels }
    try {
      return await this.units.run(async () => {
        if (await this.approvals.hasPendingForEntry(timeEntryId)) throw alreadyPending()
        if (!hasApprovers) throw noApprovers()
        const first = await this.approvals.insertChain(request, this.clock.now())
        this.events.raise(approvalEvent('requested', user, first, entry.userId))
        return first
      })
    } catch (error) {
      // A simultaneous request created the pending chain first (unique pending level per entry).
      if (isUniqueViolation(error)) throw alreadyPending()
      throw error
    }
  }

  /** Approves one pending level (any order); the message says whether a child level still waits. */
  async approve(user: User, id: number, comment: string | null): Promise<ApprovalDecision> {
    return this.units.run(() => this.approveWithin(this.approvals, user, id, comment))
  }

  /** Approves each id in order, in one transaction; a failure is reported, not thrown. */
  async bulkApprove(
    user: User,
    ids: number[] | undefined,
    comment: string | null,
  ): Promise<BulkApprovalResult[]> {
    if (!ids || ids.length === 0) throw new AppError('invalid', 'bad_request', 'approval_ids required')
    const approvals = this.approvals
    return this.units.run(async () => {
      const results: BulkApprovalResult[] = []
      for (const approvalId of ids) {
        try {
          const decision = await this.approveWithin(approvals, user, approvalId, comment)
          results.push({ approvalId, success: true, decision })
        } catch (error) {
          if (!(error instanceof AppError)) throw error
          results.push({ approvalId, success: false, message: error.message, error: bulkErrorCode(error) })
        }
      }
      return results
    })
  }

  /** Rejects a pending level and cancels its pending direct children. */
  async reject(
    user: User,
    id: number,
    reason: string | null | undefined,
    fallback?: string | null,
  ): Promise<Approval> {
    const text = rejectionReason(reason, fallback)
    const approvals = this.approvals
    return this.units.run(async () => {
      await this.pendingFor(approvals, id)
      if (!isApprover(user)) throw notAuthorizedToApprove()
      const rejected = await approvals.reject(id, user.id, text, this.clock.now())
      if (!rejected) throw notPending()
      await approvals.cancelPendingChildren(id)
      await this.raise('rejected', user, rejected)
      return rejected
    })
  }

  /** The requester withdraws a pending level; its pending direct children are cancelled too. */
  async cancel(user: User, id: number): Promise<Approval> {
    const approvals = this.approvals
    return this.units.run(async () => {
      const approval = await approvals.findById(id)
      if (!approval) throw approvalNotFound()
      if (approval.requestedBy !== user.id) throw notAuthorizedToCancel()
      const cancelled = approval.status === 'pending' ? await approvals.cancel(id) : undefined
      if (!cancelled) throw cannotCancel()
      await approvals.cancelPendingChildren(id)
      await this.raise('cancelled', user, cancelled)
      return cancelled
    })
  }

  private async approveWithin(
    approvals: TimeEntryApprovalRepository,
    user: User,
    id: number,
    comment: string | null,
  ): Promise<ApprovalDecision> {
    await this.pendingFor(approvals, id)
    if (!isApprover(user)) throw notAuthorizedToApprove()
    const approved = await approvals.approve(id, user.id, comment, this.clock.now())
    if (!approved) throw notPending()
    await this.raise('approved', user, approved)
    const waiting = await approvals.hasPendingChild(id)
    return {
      approval: approved,
      message: waiting ? 'Approved, awaiting next level approval' : 'Time entry approved',
    }
  }

  private async raise(action: ApprovalAction, user: User, approval: Approval): Promise<void> {
    const entry = await this.entries.findById(approval.timeEntryId)
    this.events.raise(approvalEvent(action, user, approval, entry?.userId ?? null))
  }

  /** The approval, which must exist (404) and be pending (400), in that order (§4.3). */
  private async pendingFor(approvals: TimeEntryApprovalRepository, id: number): Promise<Approval> {
    const approval = isStorableId(id) ? await approvals.findById(id) : undefined
    if (!approval) throw approvalNotFound()
    if (approval.status !== 'pending') throw notPending()
    return approval
  }
}
