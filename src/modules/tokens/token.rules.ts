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
  'read:time_approvals',
  'write:time_approvals',
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
export function extractToken(
  authorization: string | undefined,
  apiKey: string | undefined,
): string | undefined {
  const parts = authorization?.trim().split(/\s+/) ?? []
  if (parts.length === 2 && /^(bearer|token)$/i.test(parts[0] as string)) return parts[1]
  const key = apiKey?.trim()
  return key ? key : undefined
}

const MAX_PREFIX_BITS = { ipv4: 32, ipv6: 128 } as const

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4'
}

/** Adds one whitelist entry; an entry that is no address or block is ignored (it must not fail every request). */
function addWhitelistEntry(blocks: BlockList, entry: string): void {
  const [net = '', bits, ...rest] = entry.split('/')
  if (isIP(net) === 0 || rest.length > 0) return
  const family = familyOf(net)
  if (bits === undefined) blocks.addAddress(net, family)
  else if (/^\d{1,3}$/.test(bits) && Number(bits) <= MAX_PREFIX_BITS[family])
    blocks.addSubnet(net, Number(bits), family)
}

/** True when `ip` matches one of the comma-separated addresses or CIDR blocks. */
export function ipAllowed(whitelist: string, ip: string): boolean {
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
  if (isIP(address) === 0) return false
  const blocks = new BlockList()
  for (const entry of parseScopes(whitelist)) addWhitelistEntry(blocks, entry)
  return blocks.check(address, familyOf(address))
}
