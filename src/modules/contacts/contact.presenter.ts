import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { readBoolean } from '../../http/field-types.js'
import { splitTags } from '../deals/crm-values.rules.js'
import type { ContactBody, ContactJson } from './contact.schemas.js'
import type { Contact, ContactInput } from './contact.types.js'

/** Only the keys present in the body. */
export function fromContactBody(body: Static<typeof ContactBody>): ContactInput {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    email: body.email,
    phone: body.phone,
    mobile: body.mobile,
    title: body.title,
    department: body.department,
    address: body.address,
    notes: body.notes,
    tags: body.tags,
    role: body.role,
    isPrimary: body.is_primary === undefined ? undefined : readBoolean(body.is_primary),
  }
}

export function toContactJson(contact: Contact, write: DatetimeWriter): Static<typeof ContactJson> {
  const fullName = `${contact.firstName} ${contact.lastName}`.trim()
  return {
    id: contact.id,
    client_id: contact.clientId,
    first_name: contact.firstName,
    last_name: contact.lastName,
    full_name: fullName,
    display_name: contact.title ? `${fullName} - ${contact.title}` : fullName,
    email: contact.email,
    phone: contact.phone,
    mobile: contact.mobile,
    title: contact.title,
    department: contact.department,
    role: contact.role,
    is_primary: contact.isPrimary,
    address: contact.address,
    notes: contact.notes,
    tags: splitTags(contact.tags),
    is_active: contact.isActive,
    created_by: contact.createdBy,
    created_at: write(contact.createdAt),
    updated_at: write(contact.updatedAt),
  }
}
