import { Type } from '@sinclair/typebox'
import { IntegerField, Nullable } from '../../http/field-types.js'

// Request shapes (api-extended.md §4.3); every body is optional (empty = {}).

export const RequestApprovalBody = Type.Object({
  comment: Type.Optional(Nullable(Type.String())),
  approver_ids: Type.Optional(
    Type.Unknown({
      description: 'A non-empty array makes one level per element (at most 100); else one level',
    }),
  ),
})

export const ApproveBody = Type.Object({ comment: Type.Optional(Nullable(Type.String())) })

export const RejectBody = Type.Object({
  reason: Type.Optional(Nullable(Type.String())),
  rejection_reason: Type.Optional(
    Nullable(Type.String({ description: 'Used when `reason` is absent or empty' })),
  ),
})

export const BulkApproveBody = Type.Object({
  approval_ids: Type.Optional(Nullable(Type.Array(IntegerField(), { maxItems: 1000 }))),
  comment: Type.Optional(Nullable(Type.String())),
})

export const ApprovalIdParams = Type.Object({ id: Type.String() })
export const EntryIdParams = Type.Object({ entry_id: Type.String() })

// Response shapes (§4.1, §4.3).

export const ApprovalJson = Type.Object({
  id: Type.Integer(),
  time_entry_id: Type.Integer(),
  status: Type.String(),
  requested_by: Type.Integer(),
  approved_by: Nullable(Type.Integer()),
  requested_at: Type.String(),
  approved_at: Nullable(Type.String()),
  rejected_at: Nullable(Type.String()),
  request_comment: Nullable(Type.String()),
  approval_comment: Nullable(Type.String()),
  rejection_reason: Nullable(Type.String()),
  parent_approval_id: Nullable(Type.Integer()),
  approval_level: Type.Integer(),
})

export const ApprovalListJson = Type.Object({ approvals: Type.Array(ApprovalJson) })
export const ApprovalResponseJson = Type.Object({ approval: ApprovalJson })
export const ApprovalActionJson = Type.Object({
  success: Type.Literal(true),
  message: Type.String(),
  approval: ApprovalJson,
})

export const BulkApprovalResultJson = Type.Object({
  approval_id: Type.Integer(),
  success: Type.Boolean(),
  message: Type.String(),
  approval: Type.Optional(ApprovalJson),
  error: Type.Optional(Type.String({ description: '`not_found`, `invalid_status` or `unauthorized`' })),
})

export const BulkApprovalJson = Type.Object({
  success: Type.Literal(true),
  message: Type.String(),
  results: Type.Array(BulkApprovalResultJson),
})
