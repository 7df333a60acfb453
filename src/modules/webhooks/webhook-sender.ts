import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import { isInternalAddress, isIpLiteral } from '../../lib/internal-addresses.js'
import type { AttemptOutcome } from './webhook-delivery.rules.js'

/** At most this much of a response body is read (webhooks.md §5.4). */
export const MAX_RESPONSE_BYTES = 1024 * 1024

export interface OutgoingRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: string
  timeoutSeconds: number
  /** Aborts the attempt (shutdown); the outcome is then `unknown_error`. */
  signal?: AbortSignal
}

/** Resolves a host name to every address (dns.lookup with `all`); injectable for tests. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>

const systemResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  )

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ETIMEDOUT',
  'EPROTO',
  'HPE_INVALID_CONSTANT',
  'UND_ERR_SOCKET',
])

/** DNS, refused, reset and TLS failures are connection errors (webhooks.md §5.4). */
function isConnectionError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? ''
  return (
    CONNECTION_CODES.has(code) ||
    /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code) ||
    error.message === 'socket hang up'
  )
}

/**
 * Sends one webhook request with node:http(s) and reports what came of it. The host is
 * resolved here, at every attempt; unless `allowPrivateTargets`, any internal address refuses
 * the attempt before a byte is sent, and the connection goes to the address that was checked
 * (the lookup handed to node:http returns it), so a second DNS answer cannot slip past
 * (webhooks.md §5.1). TLS SNI and the Host header keep the host name. Redirects are never
 * followed. `timeoutSeconds` bounds the whole exchange; at most 1 MiB of the body is read.
 */
export class WebhookSender {
  constructor(
    private readonly allowPrivateTargets: boolean,
    private readonly resolveHost: ResolveHost = systemResolve,
  ) {}

  async send(request: OutgoingRequest): Promise<AttemptOutcome> {
    let url: URL
    try {
      url = new URL(request.url)
    } catch (error) {
      return { kind: 'unknown_error', detail: (error as Error).message }
    }
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1')
    let addresses: LookupAddress[]
    try {
      addresses = isIpLiteral(hostname)
        ? [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }]
        : await this.resolveHost(hostname)
    } catch (error) {
      return { kind: 'connection_error', detail: (error as Error).message }
    }
    const blocked = addresses.find((entry) => isInternalAddress(entry.address))
    if (addresses.length === 0) return { kind: 'connection_error', detail: `no address for ${hostname}` }
    if (blocked && !this.allowPrivateTargets)
      return {
        kind: 'blocked_destination',
        detail: `${hostname} resolves to ${blocked.address}, which is not a public address`,
      }
    try {
      return await exchange(url, addresses, request)
    } catch (error) {
      // node:http refuses some requests synchronously (a header it cannot send).
      return { kind: 'unknown_error', detail: (error as Error).message }
    }
  }
}

/** A lookup that answers with the vetted addresses, whatever node:net asks for. */
function pinnedLookup(vetted: LookupAddress[]): LookupFunction {
  const first = vetted[0] as LookupAddress
  return (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: LookupAddress[]) => void)(null, vetted)
    else callback(null, first.address, first.family)
  }
}

function exchange(url: URL, vetted: LookupAddress[], outgoing: OutgoingRequest): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (outcome: AttemptOutcome) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outgoing.signal?.removeEventListener('abort', onAbort)
      request.destroy()
      resolve(outcome)
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest
    const request = send(url, {
      method: outgoing.method,
      headers: { ...outgoing.headers, 'Content-Length': String(Buffer.byteLength(outgoing.body)) },
      lookup: pinnedLookup(vetted),
      agent: false,
    })
    const timer = setTimeout(() => finish({ kind: 'timeout' }), outgoing.timeoutSeconds * 1000)
    const onAbort = () => finish({ kind: 'unknown_error', detail: 'the attempt was abandoned at shutdown' })
    outgoing.signal?.addEventListener('abort', onAbort, { once: true })
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        isConnectionError(error)
          ? { kind: 'connection_error', detail: error.message }
          : { kind: 'unknown_error', detail: error.message },
      ),
    )
    request.on('response', (response) => readResponse(response, finish))
    request.end(outgoing.body)
  })
}

function readResponse(response: IncomingMessage, finish: (outcome: AttemptOutcome) => void): void {
  const chunks: Buffer[] = []
  let received = 0
  const done = () =>
    finish({
      kind: 'response',
      statusCode: response.statusCode ?? 0,
      body: Buffer.concat(chunks).toString('utf8'),
      headers: { ...response.headers },
    })
  response.on('data', (chunk: Buffer) => {
    const room = MAX_RESPONSE_BYTES - received
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk)
    received += Math.min(chunk.length, room)
    if (received >= MAX_RESPONSE_BYTES) done()
  })
  response.on('end', done)
  response.on('error', (error: NodeJS.ErrnoException) =>
    finish({ kind: 'connection_error', detail: error.message }),
  )
}
