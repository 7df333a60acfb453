import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { ID_PATTERN, withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import { fromBulkApproveBody, toApprovalJson, toBulkApprovalJson } from './approval.presenter.js'
import {
  ApprovalActionJson,
  ApprovalIdParams,
  ApprovalListJson,
  ApprovalResponseJson,
  ApproveBody,
  BulkApprovalJson,
  BulkApproveBody,
  EntryIdParams,
  RejectBody,
  RequestApprovalBody,
} from './approval.schemas.js'
import type { TimeEntryApprovalService } from './approval.service.js'

export interface ApprovalRoutesOptions {
  approvals: TimeEntryApprovalService
  appTimezone: string
}

/** The authentication hook sets the actor on every `api` route. */
const userOf = (request: FastifyRequest): User => (request.actor as Actor).user

const TAGS = ['Time-entry approvals']
const APPROVALS = '/time-entry-approvals'
const ONE_APPROVAL = `${APPROVALS}/:id${ID_PATTERN}`
const READ = { scope: 'read:time_approvals', module: 'time_approvals' }
const WRITE = { scope: 'write:time_approvals', module: 'time_approvals' }

/** `/api/v1/time-entry-approvals…` and `POST /api/v1/time-entries/{id}/request-approval` (api-extended.md §4). */
export const approvalRoutes: FastifyPluginAsyncTypebox<ApprovalRoutesOptions> = async (
  app,
  { approvals, appTimezone },
) => {
  const writer = (request: FastifyRequest, reply: FastifyReply) => datetimeWriter(request, reply, appTimezone)
  const action = (request: FastifyRequest, reply: FastifyReply) => {
    const write = writer(request, reply)
    return (message: string, approval: Parameters<typeof toApprovalJson>[0]) => ({
      success: true as const,
      message,
      approval: toApprovalJson(approval, write),
    })
  }

  app.get(
    APPROVALS,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Pending approvals the caller may decide, newest request first',
        response: withErrors({ 200: ApprovalListJson }),
      },
    },
    async (request, reply) => {
      const write = writer(request, reply)
      const list = await approvals.listPending(userOf(request))
      return { approvals: list.map((approval) => toApprovalJson(approval, write)) }
    },
  )

  app.get(
    ONE_APPROVAL,
    {
      config: READ,
      schema: {
        tags: TAGS,
        summary: 'Get an approval (requester, decider or administrator)',
        params: ApprovalIdParams,
        response: withErrors({ 200: ApprovalResponseJson }),
      },
    },
    async (request, reply) => {
      const approval = await approvals.get(userOf(request), Number(request.params.id))
      return { approval: toApprovalJson(approval, writer(request, reply)) }
    },
  )

  app.post(
    `/time-entries/:entry_id${ID_PATTERN}/request-approval`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Request approval of a time entry (owner or administrator)',
        params: EntryIdParams,
        body: RequestApprovalBody,
        response: withErrors({ 200: ApprovalActionJson }),
      },
    },
    async (request, reply) => {
      const { comment, approver_ids: approverIds } = request.body
      const approval = await approvals.request(userOf(request), Number(request.params.entry_id), {
        comment,
        approverIds,
      })
      return action(request, reply)('Approval requested', approval)
    },
  )

  app.post(
    `${ONE_APPROVAL}/approve`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Approve a pending level (administrators)',
        params: ApprovalIdParams,
        body: ApproveBody,
        response: withErrors({ 200: ApprovalActionJson }),
      },
    },
    async (request, reply) => {
      const id = Number(request.params.id)
      const decision = await approvals.approve(userOf(request), id, request.body.comment ?? null)
      return action(request, reply)(decision.message, decision.approval)
    },
  )

  app.post(
    `${ONE_APPROVAL}/reject`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Reject a pending level (administrators); its pending child levels are cancelled',
        params: ApprovalIdParams,
        body: RejectBody,
        response: withErrors({ 200: ApprovalActionJson }),
      },
    },
    async (request, reply) => {
      const { reason, rejection_reason: fallback } = request.body
      const approval = await approvals.reject(userOf(request), Number(request.params.id), reason, fallback)
      return action(request, reply)('Time entry rejected', approval)
    },
  )

  app.post(
    `${ONE_APPROVAL}/cancel`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Cancel a pending level (requester only); its pending child levels are cancelled',
        params: ApprovalIdParams,
        response: withErrors({ 200: ApprovalActionJson }),
      },
    },
    async (request, reply) => {
      const approval = await approvals.cancel(userOf(request), Number(request.params.id))
      return action(request, reply)('Approval cancelled', approval)
    },
  )

  app.post(
    `${APPROVALS}/bulk-approve`,
    {
      config: WRITE,
      schema: {
        tags: TAGS,
        summary: 'Approve several levels in order; always 200 with one result per id',
        body: BulkApproveBody,
        response: withErrors({ 200: BulkApprovalJson }),
      },
    },
    async (request, reply) => {
      const ids = fromBulkApproveBody(request.body)
      const results = await approvals.bulkApprove(userOf(request), ids, request.body.comment ?? null)
      return toBulkApprovalJson(results, writer(request, reply))
    },
  )
}
