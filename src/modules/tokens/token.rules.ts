import { BlockList, isIP } from 'node:net'
import { randomAlphanumeric } from '../../platform/secrets.js'

/** Scope names of the reference plus Stint's wildcards (api-core.md §4.4, CONTRACT.md). */
export const SCOPES = [
  'read:projects',
  'write:projects',
  'read:time_entries',
  'write:time_entries',
  'read:tasks',
  'write:tasks',
  'read:clients',
  'write:clients',
  'read:quotes',
  'write:quotes',
  'read:reports',
  'read:users',
  'read:inventory',
  'write:inventory',
  'read:deals',
  'write:deals',
  'read:leads',
  'write:leads',
  'read:contacts',
  'write:contacts',
  'read:approvals',
  'write:approvals',
  'read:webhooks',
  'write:webhooks',
  'admin:all',
  'read:*',
  'write:*',
] as const
export type Scope = (typeof SCOPES)[number]

/** `tt_` + 32 characters of [A-Za-z0-9] from the CSPRNG. */
export function generatePlainToken(): string {
  return 'tt_' + randomAlphanumeric(32)
}

/** What is stored to recognise a token at a glance: its first 8 characters. */
export function tokenPrefix(plain: string): string {
  return plain.slice(0, 8)
}

/** The stored comma-separated list, trimmed, without empty entries. */
export function parseScopes(stored: string): string[] {
  return stored
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

export function isKnownScope(scope: string): boolean {
  return (SCOPES as readonly string[]).includes(scope)
}

/** True when the granted list covers `required` (admin:all, legacy *, exact, or `<action>:*`). */
export function hasScope(granted: string[], required: string): boolean {
  const action = required.split(':')[0]
  return granted.some((s) => s === 'admin:all' || s === '*' || s === required || s === `${action}:*`)
}

/** The token carried by `Authorization: Bearer|Token <t>`, else by `X-API-Key` (api-core.md §4.2). */
export function extractToken(authorization: string | undefined, apiKey: string | undefined): string | undefined {
  const parts = authorization?.trim().split(/\s+/) ?? []
  if (parts.length === 2 && /^(bearer|token)$/i.test(parts[0] as string)) return parts[1]
  const key = apiKey?.trim()
  return key ? key : undefined
}

/** True when `ip` matches one of the comma-separated addresses or CIDR blocks. */
export function ipAllowed(whitelist: string, ip: string): boolean {
  const blocks = new BlockList()
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
  for (const entry of parseScopes(whitelist)) {
    const [net, bits] = entry.split('/')
    const type = isIP(net ?? '') === 6 ? 'ipv6' : 'ipv4'
    if (!net || isIP(net) === 0) continue
    if (bits === undefined) blocks.addAddress(net, type)
    else if (/^\d+$/.test(bits)) blocks.addSubnet(net, Number(bits), type)
  }
  return isIP(address) !== 0 && blocks.check(address, family)
}
