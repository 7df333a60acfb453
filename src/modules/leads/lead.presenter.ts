import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readInteger, readOptionalInteger } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { centsToNumber, splitTags } from '../deals/crm-values.rules.js'
import type { LeadBody, LeadJson, LeadListJson, LeadListQuery } from './lead.schemas.js'
import type { Lead, LeadFilter, LeadInput } from './lead.types.js'

/** Only the keys present in the body. */
export function fromLeadBody(body: Static<typeof LeadBody>): LeadInput {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    companyName: body.company_name,
    email: body.email,
    phone: body.phone,
    title: body.title,
    source: body.source,
    notes: body.notes,
    tags: body.tags,
    status: body.status,
    currencyCode: body.currency_code,
    score: body.score === undefined ? undefined : readInteger(body.score),
    estimatedValue: body.estimated_value,
    ownerId: readOptionalInteger(body.owner_id),
  }
}

/** `status`/`source` exact, `owner` an integer, `search` trimmed (empty = none). */
export function fromLeadListQuery(query: Static<typeof LeadListQuery>): LeadFilter {
  const owner =
    query.owner !== undefined && /^\s*\d{1,9}\s*$/.test(query.owner) ? Number(query.owner) : undefined
  const search = query.search?.trim()
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.source !== undefined ? { source: query.source } : {}),
    ...(owner !== undefined ? { ownerId: owner } : {}),
    ...(search ? { search } : {}),
  }
}

function names(lead: Lead) {
  const fullName = `${lead.firstName} ${lead.lastName}`.trim()
  return {
    full_name: fullName,
    display_name: lead.companyName ? `${fullName} (${lead.companyName})` : fullName,
  }
}

export function toLeadJson(lead: Lead, write: DatetimeWriter): Static<typeof LeadJson> {
  return {
    id: lead.id,
    first_name: lead.firstName,
    last_name: lead.lastName,
    ...names(lead),
    company_name: lead.companyName,
    email: lead.email,
    phone: lead.phone,
    title: lead.title,
    source: lead.source,
    status: lead.status,
    score: lead.score,
    estimated_value: lead.estimatedValueCents === null ? null : centsToNumber(lead.estimatedValueCents),
    currency_code: lead.currencyCode,
    converted_to_client_id: lead.convertedToClientId,
    converted_to_deal_id: lead.convertedToDealId,
    converted_at: optionalDatetime(write, lead.convertedAt),
    converted_by: lead.convertedBy,
    notes: lead.notes,
    tags: splitTags(lead.tags),
    created_by: lead.createdBy,
    owner_id: lead.ownerId,
    created_at: write(lead.createdAt),
    updated_at: write(lead.updatedAt),
    is_converted: lead.convertedToClientId !== null || lead.convertedToDealId !== null,
    is_lost: lead.status === 'lost',
  }
}

export function toLeadListJson(
  result: { leads: Lead[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof LeadListJson> {
  return {
    leads: result.leads.map((lead) => toLeadJson(lead, write)),
    pagination: toPaginationJson(page, result.total),
  }
}
