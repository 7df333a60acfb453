import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readOptionalInteger } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { centsToNumber, weightedValueCents } from './crm-values.rules.js'
import type { CreateDealBody, DealJson, DealListJson, DealListQuery, UpdateDealBody } from './deal.schemas.js'
import type { CreateDealInput, Deal, DealFilter, DealReferences, UpdateDealInput } from './deal.types.js'

type DealBody = Static<typeof UpdateDealBody>

function fromReferences(body: DealBody): DealReferences {
  return {
    clientId: readOptionalInteger(body.client_id),
    contactId: readOptionalInteger(body.contact_id),
    leadId: readOptionalInteger(body.lead_id),
    relatedQuoteId: readOptionalInteger(body.related_quote_id),
    relatedProjectId: readOptionalInteger(body.related_project_id),
    ownerId: readOptionalInteger(body.owner_id),
  }
}

/** The fields create and update share; absent keys stay absent. */
function fromDealFields(body: DealBody) {
  return {
    ...fromReferences(body),
    description: body.description,
    stage: body.stage,
    status: body.status,
    currencyCode: body.currency_code,
    lossReason: body.loss_reason,
    notes: body.notes,
    value: body.value,
    probability: body.probability,
    expectedCloseDate: body.expected_close_date,
  }
}

export function fromCreateDealBody(body: Static<typeof CreateDealBody>): CreateDealInput {
  return { ...fromDealFields(body), name: body.name }
}

/** Only the keys present in the body (partial PUT/PATCH). */
export function fromUpdateDealBody(body: DealBody): UpdateDealInput {
  return { ...fromDealFields(body), name: body.name, actualCloseDate: body.actual_close_date }
}

/** `status` defaults to open; only open, won and lost filter (§3.1). `owner` must be an integer. */
export function fromDealListQuery(query: Static<typeof DealListQuery>): DealFilter {
  const status = query.status ?? 'open'
  const owner =
    query.owner !== undefined && /^\s*\d{1,9}\s*$/.test(query.owner) ? Number(query.owner) : undefined
  return {
    ...(['open', 'won', 'lost'].includes(status) ? { status } : {}),
    ...(query.stage !== undefined ? { stage: query.stage } : {}),
    ...(owner !== undefined ? { ownerId: owner } : {}),
  }
}

export function toDealJson(deal: Deal, write: DatetimeWriter): Static<typeof DealJson> {
  return {
    id: deal.id,
    client_id: deal.clientId,
    contact_id: deal.contactId,
    lead_id: deal.leadId,
    name: deal.name,
    description: deal.description,
    stage: deal.stage,
    value: deal.valueCents === null ? null : centsToNumber(deal.valueCents),
    currency_code: deal.currencyCode,
    probability: deal.probability,
    weighted_value: centsToNumber(weightedValueCents(deal.valueCents, deal.probability)),
    expected_close_date: deal.expectedCloseDate,
    actual_close_date: deal.actualCloseDate,
    status: deal.status,
    loss_reason: deal.lossReason,
    related_quote_id: deal.relatedQuoteId,
    related_project_id: deal.relatedProjectId,
    notes: deal.notes,
    created_by: deal.createdBy,
    owner_id: deal.ownerId,
    created_at: write(deal.createdAt),
    updated_at: write(deal.updatedAt),
    closed_at: optionalDatetime(write, deal.closedAt),
    is_open: deal.status === 'open',
    is_won: deal.status === 'won',
    is_lost: deal.status === 'lost',
  }
}

export function toDealListJson(
  result: { deals: Deal[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof DealListJson> {
  return {
    deals: result.deals.map((deal) => toDealJson(deal, write)),
    pagination: toPaginationJson(page, result.total),
  }
}
