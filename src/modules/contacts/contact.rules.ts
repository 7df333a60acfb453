import { AppError } from '../../errors.js'
import { cleanText } from '../clients/field-values.rules.js'
import {
  CONTACT_TEXT_FIELDS,
  type ContactChanges,
  type ContactInput,
  type NewContact,
} from './contact.types.js'

const NAMES_REQUIRED = 'first_name and last_name are required'

function namesRequired(): AppError {
  return new AppError('invalid', 'bad_request', NAMES_REQUIRED)
}

function texts(input: ContactInput, presentOnly: boolean): ContactChanges {
  const changes: ContactChanges = {}
  for (const key of CONTACT_TEXT_FIELDS) {
    const value = input[key]
    if (!presentOnly || (value !== undefined && value !== null)) changes[key] = cleanText(value) ?? null
  }
  return changes
}

/** The row a create writes; both names are required after trimming (§3.3). */
export function normalizeNewContact(input: ContactInput, clientId: number, callerId: number): NewContact {
  const firstName = cleanText(input.firstName)
  const lastName = cleanText(input.lastName)
  if (!firstName || !lastName) throw namesRequired()
  return {
    ...(texts(input, false) as Pick<NewContact, (typeof CONTACT_TEXT_FIELDS)[number]>),
    clientId,
    firstName,
    lastName,
    role: cleanText(input.role) ?? 'contact',
    isPrimary: input.isPrimary ?? false,
    createdBy: callerId,
  }
}

/** The changes of a partial update: strings when present and not null, trimmed; a name may not become blank. */
export function normalizeContactChanges(input: ContactInput): ContactChanges {
  const changes = texts(input, true)
  for (const key of ['firstName', 'lastName'] as const) {
    if (input[key] === undefined || input[key] === null) continue
    const name = cleanText(input[key])
    if (!name) throw namesRequired()
    changes[key] = name
  }
  const role = cleanText(input.role)
  if (role) changes.role = role
  if (input.isPrimary !== undefined) changes.isPrimary = input.isPrimary
  return changes
}
