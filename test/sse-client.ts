import http from 'node:http'

export interface SseFrame {
  id?: string
  event?: string
  data?: string
  retry?: string
  comment?: string
}

/** A Server-Sent Events connection read frame by frame, for tests. */
export interface SseConnection {
  status: number
  headers: http.IncomingHttpHeaders
  frames: SseFrame[]
  /** Resolves when a frame matches, else rejects after `timeoutMs`. */
  waitFor(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close(): void
}

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = {}
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim()
    const match = /^(id|event|data|retry): ?(.*)$/.exec(line)
    if (match) frame[match[1] as 'id' | 'event' | 'data' | 'retry'] = match[2]
  }
  return frame
}

/** Opens `GET url` with the headers and parses frames as they arrive. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const frames: SseFrame[] = []
      const waiters = new Set<() => void>()
      let buffer = ''
      let resolveEnded: () => void = () => undefined
      const ended = new Promise<void>((done) => (resolveEnded = done))
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(buffer.slice(0, cut)))
          buffer = buffer.slice(cut + 2)
        }
        for (const wake of waiters) wake()
      })
      response.on('end', resolveEnded)
      response.on('close', resolveEnded)
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        frames,
        ended,
        close: () => request.destroy(),
        waitFor(match, timeoutMs = 5_000) {
          return new Promise((found, fail) => {
            const check = () => {
              const frame = frames.find(match)
              if (!frame) return
              waiters.delete(check)
              clearTimeout(timer)
              found(frame)
            }
            const timer = setTimeout(() => {
              waiters.delete(check)
              fail(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`))
            }, timeoutMs)
            waiters.add(check)
            check()
          })
        },
      })
    })
    request.on('error', reject)
  })
}
