import { AppError } from '../../errors.js'
import type { User } from '../users/user.types.js'
import type { Approval } from './approval.types.js'

// Who may do what with approvals (api-extended.md §4.2, §4.3) and the failures the logic
// reports, with Stint's statuses (§9 item 18b). Pure, no I/O.

/** The most levels one request may create; more would be one row per array element of any size. */
export const MAX_LEVELS = 100

/** The approvers of every entry are the active administrators (§9 item 14); the caller is active. */
export function isApprover(user: User): boolean {
  return user.isAdmin
}

/** The requester, the user who decided, or an administrator may read an approval. */
export function canSeeApproval(user: User, approval: Approval): boolean {
  return user.isAdmin || approval.requestedBy === user.id || approval.approvedBy === user.id
}

/** The entry's owner or an administrator may request approval (§9 item 17). */
export function canRequestApproval(user: User, entry: { userId: number }): boolean {
  return user.isAdmin || entry.userId === user.id
}

/** One level per element of a non-empty `approver_ids` array, else one (§9 item 15). */
export function levelCount(approverIds: unknown): number {
  if (!Array.isArray(approverIds) || approverIds.length === 0) return 1
  if (approverIds.length > MAX_LEVELS)
    throw AppError.validation({ approver_ids: [`Longer than maximum length ${MAX_LEVELS}.`] })
  return approverIds.length
}

/** `reason`, or `rejection_reason` when `reason` is absent or empty; blank counts as absent. */
export function rejectionReason(
  reason: string | null | undefined,
  fallback: string | null | undefined,
): string {
  const chosen = reason?.trim() ? reason : fallback
  const trimmed = chosen?.trim()
  if (!trimmed) throw new AppError('invalid', 'bad_request', 'Rejection reason required')
  return trimmed
}

export const approvalNotFound = () => new AppError('not_found', 'not_found', 'Approval not found')
export const notPending = () => new AppError('invalid', 'invalid_status', 'Approval is not pending')
export const notAuthorizedToApprove = () =>
  new AppError('forbidden', 'forbidden', 'Not authorized to approve')
export const notAuthorizedToCancel = () => new AppError('forbidden', 'forbidden', 'Not authorized to cancel')
export const cannotCancel = () =>
  new AppError('invalid', 'invalid_status', 'Cannot cancel non-pending approval')
export const alreadyPending = () => new AppError('invalid', 'already_pending', 'Approval already pending')
export const noApprovers = () =>
  new AppError('invalid', 'no_approvers', 'No approvers found for this time entry')

/** The code a bulk result reports for a failed approve (§4.3: `unauthorized` for a refused caller). */
export function bulkErrorCode(error: AppError): 'not_found' | 'invalid_status' | 'unauthorized' {
  if (error.kind === 'not_found') return 'not_found'
  return error.kind === 'forbidden' ? 'unauthorized' : 'invalid_status'
}
