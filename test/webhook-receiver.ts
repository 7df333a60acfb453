import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as a webhook receiver saw it: the raw body bytes, not a parse. */
export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** performance-independent wall time of arrival, in milliseconds. */
  arrivedAtMs: number
}

/** What the receiver answers; `delayMs` holds the answer back (timeouts). */
export interface ReceiverAnswer {
  status: number
  body?: string
  headers?: Record<string, string>
  delayMs?: number
}

export type Responder = (request: ReceivedRequest, index: number) => ReceiverAnswer

export interface Receiver {
  /** `http://127.0.0.1:<port>/hook` */
  url: string
  port: number
  requests: ReceivedRequest[]
  respond(responder: Responder): void
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>
  close(): Promise<void>
}

/** A real node:http server on 127.0.0.1 that records every request (a webhook receiver). */
export async function startReceiver(
  port = 0,
  responder: Responder = () => ({ status: 200, body: 'ok' }),
): Promise<Receiver> {
  const requests: ReceivedRequest[] = []
  let answer = responder
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
        arrivedAtMs: Date.now(),
      }
      requests.push(received)
      const { status, body = '', headers = {}, delayMs = 0 } = answer(received, requests.length - 1)
      setTimeout(() => {
        if (response.destroyed) return
        response.writeHead(status, headers)
        response.end(body)
      }, delayMs)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const actualPort = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${actualPort}/hook`,
    port: actualPort,
    requests,
    respond: (next) => (answer = next),
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests, got ${requests.length}`)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
