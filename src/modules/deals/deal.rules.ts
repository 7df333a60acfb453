import { AppError } from '../../errors.js'
import { cleanText } from '../clients/field-values.rules.js'
import { readLenientDate } from '../quotes/quote.rules.js'
import type { User } from '../users/user.types.js'
import { MONEY_RANGE_MESSAGE, readMoney, readProbability } from './crm-values.rules.js'
import type { CreateDealInput, DealChanges, DealReferences, NewDeal, UpdateDealInput } from './deal.types.js'

export const NAME_REQUIRED = 'name is required'
const PROBABILITY_RULE = 'probability must be an integer between 0 and 100'

/** Admins see and change every deal; other users only the deals they own (§3.1, §9 item 11). */
export function canAccessDeal(user: User, deal: { ownerId: number | null }): boolean {
  return user.isAdmin || deal.ownerId === user.id
}

function badRequest(message: string): AppError {
  return new AppError('invalid', 'bad_request', message)
}

function moneyOutOfRange(): AppError {
  return AppError.validation({ value: [MONEY_RANGE_MESSAGE] })
}

/** `value` on create: falsy or 0 → null; anything not numeric is refused with `Invalid value`. */
function newValueCents(value: unknown): number | null {
  const reading = readMoney(value)
  if (reading.kind === 'invalid') throw badRequest('Invalid value')
  if (reading.kind === 'out_of_range') throw moneyOutOfRange()
  return reading.kind === 'cents' ? reading.cents : null
}

function probabilityOf(value: unknown): number | null {
  const probability = readProbability(value)
  if (probability === undefined) throw badRequest(PROBABILITY_RULE)
  return probability
}

/** An optional id: 0 names no row and reads as null, like the original's falsy test. */
function idOrNull(id: number | null | undefined): number | null {
  return id ? id : null
}

/** The references of a create; a falsy owner is the caller. */
function newReferences(input: DealReferences, callerId: number): Required<DealReferences> {
  return {
    clientId: idOrNull(input.clientId),
    contactId: idOrNull(input.contactId),
    leadId: idOrNull(input.leadId),
    relatedQuoteId: idOrNull(input.relatedQuoteId),
    relatedProjectId: idOrNull(input.relatedProjectId),
    ownerId: idOrNull(input.ownerId) ?? callerId,
  }
}

/** The row a create writes, in the original's order of checks: name, value, probability. */
export function normalizeNewDeal(input: CreateDealInput, callerId: number): NewDeal {
  const valueCents = newValueCents(input.value)
  const probability = input.probability === undefined ? 50 : probabilityOf(input.probability)
  return {
    ...newReferences(input, callerId),
    name: input.name.trim(),
    description: cleanText(input.description) ?? null,
    stage: cleanText(input.stage) ?? 'prospecting',
    status: cleanText(input.status) ?? 'open',
    currencyCode: cleanText(input.currencyCode) ?? 'EUR',
    lossReason: cleanText(input.lossReason) ?? null,
    notes: cleanText(input.notes) ?? null,
    valueCents,
    probability,
    expectedCloseDate: readLenientDate(input.expectedCloseDate) ?? null,
    actualCloseDate: null,
    createdBy: callerId,
  }
}

function textChanges(input: UpdateDealInput): DealChanges {
  const changes: DealChanges = {}
  if (input.name !== undefined && input.name !== null) {
    const name = input.name.trim()
    if (name === '') throw AppError.validation({ name: [NAME_REQUIRED] }, NAME_REQUIRED)
    changes.name = name
  }
  for (const key of ['stage', 'status', 'currencyCode'] as const) {
    const text = cleanText(input[key])
    if (text) changes[key] = text
  }
  for (const key of ['description', 'lossReason', 'notes'] as const) {
    if (input[key] !== undefined && input[key] !== null) changes[key] = cleanText(input[key]) ?? null
  }
  return changes
}

function referenceChanges(input: UpdateDealInput): DealChanges {
  const changes: DealChanges = {}
  const keys = ['clientId', 'contactId', 'leadId', 'relatedQuoteId', 'relatedProjectId', 'ownerId'] as const
  for (const key of keys) if (input[key] !== undefined) changes[key] = idOrNull(input[key])
  return changes
}

/** `value`: null (or falsy, or 0) clears it; a non-numeric value is silently ignored. */
function valueChange(value: unknown): DealChanges {
  if (value === undefined) return {}
  const reading = readMoney(value)
  if (reading.kind === 'out_of_range') throw moneyOutOfRange()
  if (reading.kind === 'invalid') return {}
  return { valueCents: reading.kind === 'cents' ? reading.cents : null }
}

/** The changes of a partial update (§3.1); closing a deal sets no close fields. */
export function normalizeDealChanges(input: UpdateDealInput): DealChanges {
  return {
    ...textChanges(input),
    ...referenceChanges(input),
    ...valueChange(input.value),
    ...(input.probability === undefined ? {} : { probability: probabilityOf(input.probability) }),
    ...(input.expectedCloseDate === undefined
      ? {}
      : { expectedCloseDate: readLenientDate(input.expectedCloseDate) ?? null }),
    ...(input.actualCloseDate === undefined
      ? {}
      : { actualCloseDate: readLenientDate(input.actualCloseDate) ?? null }),
  }
}
