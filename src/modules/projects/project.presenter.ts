import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readBoolean, readInteger, readOptionalInteger } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import type { ProjectFilter } from './project.repository.js'
import { codeDisplay, type ProjectFields } from './project.rules.js'
import type {
  CreateProjectBody,
  ProjectJson,
  ProjectListJson,
  ProjectListQuery,
  UpdateProjectBody,
} from './project.schemas.js'
import type { ProjectDetails } from './project.types.js'

/** The largest id an integer column holds; a larger client_id filter can match nothing. */
const MAX_ID = 2_147_483_647

const money = (cents: number | null) => (cents ? cents / 100 : null)

export function toProjectJson(details: ProjectDetails, write: DatetimeWriter): Static<typeof ProjectJson> {
  const { project, financials } = details
  const clientName = details.clientName ?? 'Unknown Client'
  const estimatedCost = money(financials.estimatedCostCents)
  return {
    id: project.id,
    name: project.name,
    code: project.code,
    code_display: codeDisplay(project),
    client_id: project.clientId,
    client: clientName,
    client_name: clientName,
    description: project.description,
    billable: project.billable,
    hourly_rate: money(project.hourlyRateCents),
    billing_ref: project.billingRef,
    status: project.status,
    estimated_hours: project.estimatedHours,
    budget_amount: money(project.budgetAmountCents),
    budget_threshold_percent: project.budgetThresholdPercent,
    created_at: write(project.createdAt),
    updated_at: write(project.updatedAt),
    total_hours: financials.totalHours,
    total_billable_hours: financials.totalBillableHours,
    estimated_cost: estimatedCost,
    budget_consumed_amount: financials.budgetConsumedCents / 100,
    budget_threshold_exceeded: financials.budgetThresholdExceeded,
    // No project costs in Stint core (api-core.md §9.1).
    total_costs: 0,
    total_billable_costs: 0,
    total_project_value: estimatedCost ?? 0,
    custom_fields: project.customFields,
    is_archived: project.status === 'archived',
    archived_at: optionalDatetime(write, project.archivedAt),
    archived_by: project.archivedBy,
    archived_reason: project.archivedReason,
    color: project.color,
  }
}

export function toProjectListJson(
  list: { items: ProjectDetails[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof ProjectListJson> {
  return {
    projects: list.items.map((details) => toProjectJson(details, write)),
    pagination: toPaginationJson(page, list.total),
  }
}

/** `status` defaults to active, `all` lifts the filter; a `client_id` that is not an integer is ignored (§9.2). */
export function fromProjectListQuery(query: Static<typeof ProjectListQuery>): ProjectFilter {
  const status = query.status === undefined ? 'active' : query.status === 'all' ? undefined : query.status
  if (query.client_id === undefined || !/^\s*[-+]?\d+\s*$/.test(query.client_id))
    return { status, clientId: undefined }
  const clientId = Number(query.client_id)
  return { status, clientId: Math.abs(clientId) <= MAX_ID ? clientId : 0 }
}

/** The body's keys as domain fields; absent keys stay absent (partial updates). */
export function fromProjectBody(
  body: Static<typeof CreateProjectBody> | Static<typeof UpdateProjectBody>,
): ProjectFields {
  return {
    name: body.name,
    clientId: body.client_id === undefined ? undefined : readInteger(body.client_id),
    description: body.description,
    billable: body.billable === undefined ? undefined : readBoolean(body.billable),
    hourlyRate: body.hourly_rate,
    billingRef: body.billing_ref,
    code: body.code,
    estimatedHours: body.estimated_hours,
    budgetAmount: body.budget_amount,
    budgetThresholdPercent: readOptionalInteger(body.budget_threshold_percent),
    status: body.status,
  }
}
