import { AppError } from '../../errors.js'
import {
  checkMaxLength,
  cleanText,
  FieldErrorList,
  moneyCents,
  rangeMessage,
} from '../clients/field-values.rules.js'
import type { Project, ProjectStatus } from './project.types.js'

/** 9,999,999.99 and 99,999,999.99: the original's Numeric(9, 2) rate and Numeric(10, 2) budget. */
export const MAX_HOURLY_RATE_CENTS = 999_999_999
export const MAX_BUDGET_CENTS = 9_999_999_999
export const MAX_ESTIMATED_HOURS = 1_000_000
export const DEFAULT_BUDGET_THRESHOLD_PERCENT = 80

const NAME_REQUIRED = 'Project name is required'

/** A project body as sent: only the keys present are set (PUT and PATCH are partial). */
export interface ProjectFields {
  name?: string | null
  clientId?: number
  description?: string | null
  billable?: boolean
  hourlyRate?: number | string | null
  billingRef?: string | null
  code?: string | null
  estimatedHours?: number | string | null
  budgetAmount?: number | string | null
  budgetThresholdPercent?: number | null
  status?: ProjectStatus
}

/** What to store, normalized as api-core.md §9.4 says. */
export interface ProjectChanges {
  name?: string
  clientId?: number
  description?: string | null
  billable?: boolean
  hourlyRateCents?: number | null
  billingRef?: string | null
  code?: string | null
  estimatedHours?: number | null
  budgetAmountCents?: number | null
  budgetThresholdPercent?: number
  status?: ProjectStatus
}

function cleanName(name: string | null | undefined, errors: FieldErrorList): string | undefined {
  if (name === undefined) return undefined
  const trimmed = cleanText(name)
  if (!trimmed) throw AppError.validation({ name: [NAME_REQUIRED] }, NAME_REQUIRED)
  checkMaxLength(errors, 'name', trimmed, 200)
  return trimmed
}

/** Trimmed and upper-cased; empty → null; at most 20 characters once normalized. */
function cleanCode(code: string | null | undefined, errors: FieldErrorList): string | null | undefined {
  const trimmed = cleanText(code)
  const upper = trimmed ? trimmed.toUpperCase() : trimmed
  checkMaxLength(errors, 'code', upper, 20)
  return upper
}

function cleanEstimatedHours(
  value: number | string | null | undefined,
  errors: FieldErrorList,
): number | null | undefined {
  if (value === undefined || value === null) return value
  const hours = typeof value === 'number' ? value : Number(value.trim())
  if (!Number.isFinite(hours)) errors.add('estimated_hours', 'Not a valid number.')
  else if (hours < 0 || hours > MAX_ESTIMATED_HOURS)
    errors.add('estimated_hours', rangeMessage(0, MAX_ESTIMATED_HOURS))
  return hours
}

/** 0 to 100; null and 0 mean the default 80. */
function cleanThreshold(value: number | null | undefined, errors: FieldErrorList): number | undefined {
  if (value === undefined) return undefined
  if (value === null || value === 0) return DEFAULT_BUDGET_THRESHOLD_PERCENT
  if (value < 0 || value > 100) errors.add('budget_threshold_percent', rangeMessage(0, 100))
  return value
}

/** Drops the keys whose value is undefined (absent from the body). */
function presentOnly<T extends object>(changes: T): T {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as T
}

/** Validates and normalizes a project body (api-core.md §9.4, §9.5); throws `validation_error` listing every bad field. */
export function toProjectChanges(fields: ProjectFields, isNew: boolean): ProjectChanges {
  if (isNew && fields.name === undefined) throw AppError.validation({ name: [NAME_REQUIRED] }, NAME_REQUIRED)
  const errors = new FieldErrorList()
  const changes = presentOnly<ProjectChanges>({
    name: cleanName(fields.name, errors),
    clientId: fields.clientId,
    description: cleanText(fields.description),
    billable: fields.billable,
    hourlyRateCents: moneyCents(errors, 'hourly_rate', fields.hourlyRate, MAX_HOURLY_RATE_CENTS),
    billingRef: fields.billingRef,
    code: cleanCode(fields.code, errors),
    estimatedHours: cleanEstimatedHours(fields.estimatedHours, errors),
    budgetAmountCents: moneyCents(errors, 'budget_amount', fields.budgetAmount, MAX_BUDGET_CENTS),
    budgetThresholdPercent: cleanThreshold(fields.budgetThresholdPercent, errors),
    status: fields.status,
  })
  errors.throwIfAny()
  return changes
}

/** The archive fields a status change implies (§9.5): entering `archived` stamps them, leaving clears them. */
export function archiveFieldsForStatus(
  from: ProjectStatus,
  to: ProjectStatus | undefined,
  userId: number,
  now: Date,
): Pick<Project, 'archivedAt' | 'archivedBy' | 'archivedReason'> | undefined {
  if (to === undefined || (to === 'archived') === (from === 'archived')) return undefined
  return to === 'archived'
    ? { archivedAt: now, archivedBy: userId, archivedReason: null }
    : { archivedAt: null, archivedBy: null, archivedReason: null }
}

/** `code`, else the name without spaces, upper-cased, first 4 characters (§9.1). */
export function codeDisplay(project: Pick<Project, 'code' | 'name'>): string {
  if (project.code) return project.code
  return [...project.name.replaceAll(' ', '').toUpperCase()].slice(0, 4).join('')
}
