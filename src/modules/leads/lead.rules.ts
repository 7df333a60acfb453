import { AppError } from '../../errors.js'
import { cleanText } from '../clients/field-values.rules.js'
import { MONEY_RANGE_MESSAGE, readMoney } from '../deals/crm-values.rules.js'
import type { User } from '../users/user.types.js'
import { LEAD_TEXT_FIELDS, type LeadChanges, type LeadInput, type NewLead } from './lead.types.js'

const NAMES_REQUIRED = 'first_name and last_name are required'

/** Admins see and change every lead; other users only the leads they own (§3.2, §9 item 11). */
export function canAccessLead(user: User, lead: { ownerId: number }): boolean {
  return user.isAdmin || lead.ownerId === user.id
}

function namesRequired(): AppError {
  return new AppError('invalid', 'bad_request', NAMES_REQUIRED)
}

/**
 * `estimated_value`: falsy or 0 → null; not numeric → undefined (create stores null, update
 * ignores it); out of the column's range → 400.
 */
function estimatedValueCents(value: unknown): number | null | undefined {
  const reading = readMoney(value)
  if (reading.kind === 'out_of_range') throw AppError.validation({ estimated_value: [MONEY_RANGE_MESSAGE] })
  if (reading.kind === 'invalid') return undefined
  return reading.kind === 'cents' ? reading.cents : null
}

const MAX_SCORE = 2_147_483_647

/** `score` must fit its integer column. */
function checkedScore(score: number): number {
  if (Math.abs(score) > MAX_SCORE)
    throw AppError.validation({
      score: [`Must be greater than or equal to -${MAX_SCORE} and less than or equal to ${MAX_SCORE}.`],
    })
  return score
}

/** The row a create writes; both names are required after trimming. */
export function normalizeNewLead(input: LeadInput, callerId: number): NewLead {
  const firstName = cleanText(input.firstName)
  const lastName = cleanText(input.lastName)
  if (!firstName || !lastName) throw namesRequired()
  const texts = Object.fromEntries(LEAD_TEXT_FIELDS.map((key) => [key, cleanText(input[key]) ?? null]))
  return {
    ...(texts as Pick<NewLead, (typeof LEAD_TEXT_FIELDS)[number]>),
    firstName,
    lastName,
    status: cleanText(input.status) ?? 'new',
    score: checkedScore(input.score ?? 0),
    estimatedValueCents:
      input.estimatedValue === undefined ? null : (estimatedValueCents(input.estimatedValue) ?? null),
    currencyCode: cleanText(input.currencyCode) ?? 'EUR',
    createdBy: callerId,
    ownerId: input.ownerId ? input.ownerId : callerId,
  }
}

function nameChanges(input: LeadInput): LeadChanges {
  const changes: LeadChanges = {}
  for (const key of ['firstName', 'lastName'] as const) {
    if (input[key] === undefined || input[key] === null) continue
    const name = cleanText(input[key])
    if (!name) throw namesRequired()
    changes[key] = name
  }
  return changes
}

/** The changes of a partial update: strings when present and not null, trimmed (§3.2). */
export function normalizeLeadChanges(input: LeadInput): LeadChanges {
  const changes: LeadChanges = nameChanges(input)
  for (const key of LEAD_TEXT_FIELDS) {
    if (input[key] !== undefined && input[key] !== null) changes[key] = cleanText(input[key]) ?? null
  }
  for (const key of ['status', 'currencyCode'] as const) {
    const text = cleanText(input[key])
    if (text) changes[key] = text
  }
  if (input.score !== undefined) changes.score = checkedScore(input.score)
  if (input.ownerId) changes.ownerId = input.ownerId
  if (input.estimatedValue !== undefined) {
    const cents = estimatedValueCents(input.estimatedValue)
    if (cents !== undefined) changes.estimatedValueCents = cents
  }
  return changes
}
