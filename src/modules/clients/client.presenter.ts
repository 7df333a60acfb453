import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { formatScaled } from '../../lib/decimal.js'
import type { ClientFields } from './client.rules.js'
import type { ClientJson, ClientListJson, CreateClientBody, UpdateClientBody } from './client.schemas.js'
import type { ClientDetails } from './client.types.js'

export function toClientJson(
  { client, projectCounts }: ClientDetails,
  write: DatetimeWriter,
): Static<typeof ClientJson> {
  return {
    id: client.id,
    name: client.name,
    company: client.company,
    description: client.description,
    contact_person: client.contactPerson,
    email: client.email,
    phone: client.phone,
    address: client.address,
    default_hourly_rate: client.defaultHourlyRateCents
      ? formatScaled(client.defaultHourlyRateCents, 2)
      : null,
    status: client.status,
    is_active: client.status === 'active',
    total_projects: projectCounts.total,
    active_projects: projectCounts.active,
    prepaid_hours_monthly: null,
    prepaid_reset_day: 1,
    custom_fields: client.customFields,
    created_at: write(client.createdAt),
    updated_at: write(client.updatedAt),
  }
}

export function toClientListJson(
  list: { items: ClientDetails[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof ClientListJson> {
  return {
    clients: list.items.map((details) => toClientJson(details, write)),
    pagination: toPaginationJson(page, list.total),
  }
}

/** The body's keys as domain fields; absent keys stay absent (partial updates). */
export function fromClientBody(
  body: Static<typeof CreateClientBody> | Static<typeof UpdateClientBody>,
): ClientFields {
  return {
    name: body.name,
    company: body.company,
    description: body.description,
    contactPerson: body.contact_person,
    email: body.email,
    phone: body.phone,
    address: body.address,
    defaultHourlyRate: body.default_hourly_rate,
    customFields: body.custom_fields,
    status: 'status' in body ? body.status : undefined,
  }
}
