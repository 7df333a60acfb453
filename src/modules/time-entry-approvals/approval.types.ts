/** The four states of one approval level (api-extended.md §4.1). */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled'

/** One level of an entry's approval chain. */
export interface Approval {
  id: number
  timeEntryId: number
  status: ApprovalStatus
  requestedBy: number
  /** Who approved or rejected it. */
  approvedBy: number | null
  requestedAt: Date
  approvedAt: Date | null
  rejectedAt: Date | null
  requestComment: string | null
  approvalComment: string | null
  rejectionReason: string | null
  parentApprovalId: number | null
  /** 1-based. */
  approvalLevel: number
}

/** A request for approval of one entry (§4.3). */
export interface ApprovalRequest {
  timeEntryId: number
  requestedBy: number
  comment: string | null
  levels: number
}

/** The answer of a successful approve (its message depends on the chain). */
export interface ApprovalDecision {
  approval: Approval
  message: string
}

/** One id of a bulk approve: its decision, or the failure's code and message. */
export type BulkApprovalResult =
  | { approvalId: number; success: true; decision: ApprovalDecision }
  | {
      approvalId: number
      success: false
      message: string
      error: 'not_found' | 'invalid_status' | 'unauthorized'
    }
