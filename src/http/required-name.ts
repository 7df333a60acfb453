import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

/**
 * A preValidation hook for create/update bodies. An absent body reads as `{}`; then a blank
 * or null `field` (and a missing one when `required`) fails before the schema runs, so this
 * check comes first with the endpoint's own message (api-core.md §9.4 check 1, §10.2).
 */
export function requireNonBlankField(field: string, message: string, required: boolean) {
  return async (request: FastifyRequest): Promise<void> => {
    request.body ??= {}
    const value = (request.body as Record<string, unknown>)[field]
    const blank = value === null || (typeof value === 'string' && value.trim() === '')
    if (blank || (required && value === undefined)) throw AppError.validation({ [field]: [message] }, message)
  }
}
