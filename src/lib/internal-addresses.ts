import ipaddr from 'ipaddr.js'

/**
 * Ranges a server-side request must not reach unless the operator allows it: loopback,
 * link-local (cloud metadata 169.254.169.254), private (RFC 1918, fc00::/7 and the old
 * site-local fec0::/10), unspecified, multicast and broadcast, plus the shared address
 * space of carrier-grade NAT (100.64.0.0/10), which is internal to a provider.
 */
const INTERNAL_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal',
  'loopback',
  'private',
  'uniqueLocal',
  'deprecatedSiteLocal',
  'carrierGradeNat',
])

/** The IPv4 address an IPv6 address carries (mapped, translated, NAT64 or 6to4), if any. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = address.range()
  const bytes = address.toByteArray()
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052')
    return new ipaddr.IPv4(bytes.slice(12, 16))
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6))
  return undefined
}

/** True for an IP address text (v4 or v6, brackets allowed) in one of the internal ranges. */
export function isInternalAddress(text: string): boolean {
  const bare = text.replace(/^\[(.*)\]$/, '$1')
  if (!ipaddr.isValid(bare)) return false
  let address = ipaddr.parse(bare)
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6
    if (v6.zoneId) return true // a scoped address names a local interface
    address = embeddedIpv4(v6) ?? v6
  }
  return INTERNAL_RANGES.has(address.range())
}

/** True when the host of a URL is an IP address rather than a name (brackets allowed). */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return ipaddr.IPv4.isValidFourPartDecimal(bare) || ipaddr.IPv6.isValid(bare)
}
