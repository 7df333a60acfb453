import { formatUtc } from '../../lib/iso-dates.js'
import { eventActor } from '../events/event-subject.rules.js'
import type { RaisedEvent } from '../events/event.types.js'
import type { User } from '../users/user.types.js'
import { toApprovalJson } from './approval.presenter.js'
import type { Approval } from './approval.types.js'

export type ApprovalAction = 'requested' | 'approved' | 'rejected' | 'cancelled'

/**
 * A live-stream event about an approval (webhooks.md §12: approvals need `read:time_entries`).
 * Not a webhook catalogue event (api-extended.md §4: webhooks do not cover approvals).
 */
export function approvalEvent(
  action: ApprovalAction,
  actor: User,
  approval: Approval,
  entryOwnerId: number | null,
): RaisedEvent {
  const name = `Approval of time entry ${approval.timeEntryId} (level ${approval.approvalLevel})`
  return {
    type: `approval.${action}`,
    actor: eventActor(actor),
    subject: { type: 'approval', id: approval.id, name },
    description: `${action[0]?.toUpperCase()}${action.slice(1)} ${name[0]?.toLowerCase()}${name.slice(1)}`,
    data: toApprovalJson(approval, formatUtc),
    audience: { ownerId: entryOwnerId, projectId: null, clientId: null },
  }
}
