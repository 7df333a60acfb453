import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import type { User } from '../users/user.types.js'

// What every inventory route declares (api-extended.md §2.1): alternative scopes (§0.6) and
// the `inventory` module gate (§0.5), both enforced by http/auth.ts.

export const READ_INVENTORY = { scope: ['read:inventory', 'read:projects'], module: 'inventory' } as const
export const WRITE_INVENTORY = { scope: ['write:inventory', 'write:projects'], module: 'inventory' } as const

export const INVENTORY_TAGS = ['Inventory']

/** The authentication hook sets the actor on every `api` route. */
export function userOf(request: FastifyRequest): User {
  return (request.actor as Actor).user
}

/** The request body as an object (body parsing makes an absent body `{}`). */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>
}
