import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readInteger } from '../../http/field-types.js'
import type { ApprovalJson, BulkApprovalJson, BulkApproveBody } from './approval.schemas.js'
import type { Approval, BulkApprovalResult } from './approval.types.js'

export function toApprovalJson(approval: Approval, write: DatetimeWriter): Static<typeof ApprovalJson> {
  return {
    id: approval.id,
    time_entry_id: approval.timeEntryId,
    status: approval.status,
    requested_by: approval.requestedBy,
    approved_by: approval.approvedBy,
    requested_at: write(approval.requestedAt),
    approved_at: optionalDatetime(write, approval.approvedAt),
    rejected_at: optionalDatetime(write, approval.rejectedAt),
    request_comment: approval.requestComment,
    approval_comment: approval.approvalComment,
    rejection_reason: approval.rejectionReason,
    parent_approval_id: approval.parentApprovalId,
    approval_level: approval.approvalLevel,
  }
}

/** The ids of a bulk approve, in order; undefined when missing or empty. */
export function fromBulkApproveBody(body: Static<typeof BulkApproveBody>): number[] | undefined {
  const ids = body.approval_ids?.map(readInteger)
  return ids && ids.length > 0 ? ids : undefined
}

/** `Approved <n> of <m> entries`, n counting the successes (§4.3). */
export function toBulkApprovalJson(
  results: BulkApprovalResult[],
  write: DatetimeWriter,
): Static<typeof BulkApprovalJson> {
  const approved = results.filter((result) => result.success).length
  return {
    success: true,
    message: `Approved ${approved} of ${results.length} entries`,
    results: results.map((result) =>
      result.success
        ? {
            approval_id: result.approvalId,
            success: true,
            message: result.decision.message,
            approval: toApprovalJson(result.decision.approval, write),
          }
        : { approval_id: result.approvalId, success: false, message: result.message, error: result.error },
    ),
  }
}
