import { createHmac } from 'node:crypto'
import type { DeliveryErrorType, DeliveryStatus } from './webhook.types.js'

/** Characters of a response body kept on the delivery (webhooks.md §9). */
export const STORED_BODY_CHARACTERS = 10_000
/** Characters of error detail in `error_message` (webhooks.md §9). */
export const ERROR_DETAIL_CHARACTERS = 500
export const USER_AGENT = 'TimeTracker-Webhook/1.0'

/** What one HTTP attempt came to, before it is judged (webhook-sender.ts). */
export type AttemptOutcome =
  | { kind: 'response'; statusCode: number; body: string; headers: Record<string, unknown> }
  | { kind: 'timeout' }
  | { kind: 'connection_error'; detail: string }
  | { kind: 'blocked_destination'; detail: string }
  | { kind: 'unknown_error'; detail: string }

/** The delivery fields an attempt sets (webhooks.md §5.4). */
export interface AttemptResult {
  succeeded: boolean
  responseStatusCode: number | null
  responseBody: string | null
  /** Only a successful attempt stores headers. */
  responseHeaders: Record<string, unknown> | null
  errorType: DeliveryErrorType | null
  errorMessage: string | null
}

const cut = (text: string, length: number) => text.slice(0, length)

/** The classification table of webhooks.md §5.4; a 3xx is a failure, redirects are not followed (§5.1). */
export function judgeAttempt(outcome: AttemptOutcome, timeoutSeconds: number): AttemptResult {
  const failure = (errorType: DeliveryErrorType, errorMessage: string): AttemptResult => ({
    succeeded: false,
    responseStatusCode: null,
    responseBody: null,
    responseHeaders: null,
    errorType,
    errorMessage,
  })
  switch (outcome.kind) {
    case 'response': {
      const responseBody = cut(outcome.body, STORED_BODY_CHARACTERS)
      if (outcome.statusCode >= 200 && outcome.statusCode <= 299)
        return {
          succeeded: true,
          responseStatusCode: outcome.statusCode,
          responseBody,
          responseHeaders: outcome.headers,
          errorType: null,
          errorMessage: null,
        }
      return {
        ...failure('http_error', `HTTP ${outcome.statusCode}: ${cut(outcome.body, ERROR_DETAIL_CHARACTERS)}`),
        responseStatusCode: outcome.statusCode,
        responseBody,
      }
    }
    case 'timeout':
      return failure('timeout', `Request timeout after ${timeoutSeconds}s`)
    case 'connection_error':
      return failure('connection_error', `Connection error: ${cut(outcome.detail, ERROR_DETAIL_CHARACTERS)}`)
    case 'blocked_destination':
      return failure(
        'blocked_destination',
        `Blocked destination: ${cut(outcome.detail, ERROR_DETAIL_CHARACTERS)}`,
      )
    case 'unknown_error':
      return failure('unknown_error', `Unexpected error: ${cut(outcome.detail, ERROR_DETAIL_CHARACTERS)}`)
  }
}

/** Finished attempts of one webhook, counted together (webhooks.md §7). */
export class AttemptTally {
  succeeded = 0
  failed = 0
  lastDeliveryAt: Date | null = null
  lastSuccessAt: Date | null = null
  lastFailureAt: Date | null = null

  add(attempt: { succeeded: boolean; completedAt: Date }): this {
    const latest = (known: Date | null) =>
      known && known > attempt.completedAt ? known : attempt.completedAt
    if (attempt.succeeded) {
      this.succeeded++
      this.lastSuccessAt = latest(this.lastSuccessAt)
    } else {
      this.failed++
      this.lastFailureAt = latest(this.lastFailureAt)
    }
    this.lastDeliveryAt = latest(this.lastDeliveryAt)
    return this
  }
}

/** After a failed attempt: final failure, or the next retry (webhooks.md §6.2). */
export type RetryDecision =
  | { status: Extract<DeliveryStatus, 'failed'> }
  | { status: Extract<DeliveryStatus, 'retrying'>; retryCount: number; nextRetryAt: Date }

/**
 * `retryCount` retries scheduled so far: with `maxRetries` left none → failed; otherwise the
 * next attempt waits `retryDelaySeconds × 2^retryCount` from the end of the failed one.
 */
export function decideRetry(
  retryCount: number,
  webhook: { maxRetries: number; retryDelaySeconds: number },
  completedAt: Date,
): RetryDecision {
  if (retryCount >= webhook.maxRetries) return { status: 'failed' }
  const delayMs = webhook.retryDelaySeconds * 2 ** retryCount * 1000
  return {
    status: 'retrying',
    retryCount: retryCount + 1,
    nextRetryAt: new Date(completedAt.getTime() + delayMs),
  }
}

/** An open delivery as the claim decision sees it (webhook-delivery.repository.ts). */
export interface QueuedDelivery {
  id: number
  status: DeliveryStatus
  nextRetryAt: Date | null
  claimedUntilMs: number | null
}

/**
 * The deliveries a dispatcher may claim from a webhook's queue (its open deliveries in id
 * order): the unbroken run from the head of those that are due (pending, or retrying with
 * `next_retry_at` ≤ now) and unclaimed. A delivery waiting for its retry, or held by another
 * attempt, holds back everything after it, so a webhook's deliveries go out in order.
 */
export function claimableRun(queue: readonly QueuedDelivery[], now: Date, nowMs: number): number[] {
  const run: number[] = []
  for (const delivery of queue) {
    const isDue =
      delivery.status === 'pending' || (delivery.nextRetryAt !== null && delivery.nextRetryAt <= now)
    const isFree = delivery.claimedUntilMs === null || delivery.claimedUntilMs < nowMs
    if (!isDue || !isFree) break
    run.push(delivery.id)
  }
  return run
}

/** Lowercase hex HMAC-SHA256 of `message` keyed with the secret's UTF-8 bytes as is (§5.3). */
export function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex')
}

export interface RequestHeaderInput {
  contentType: string
  eventType: string
  webhookId: number
  eventId: string
  customHeaders: Record<string, string> | null
  /** The plain secret, or null for unsigned requests. */
  secret: string | null
  body: string
  unixSeconds: number
}

// Framing is node:http's business: a custom value could only corrupt the request.
const FRAMING_HEADERS = new Set(['content-length', 'transfer-encoding'])

/**
 * The request headers in the precedence of webhooks.md §5.2 (later wins, names compared
 * without case): defaults, event headers, the webhook's own headers, then the signatures
 * of §5.3, which custom headers cannot override.
 */
export function requestHeaders(input: RequestHeaderInput): Record<string, string> {
  const headers = new Map<string, [string, string]>()
  const set = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value])
  set('Content-Type', input.contentType)
  set('User-Agent', USER_AGENT)
  set('X-Webhook-Event', input.eventType)
  set('X-Webhook-ID', String(input.webhookId))
  set('X-Webhook-Event-Id', input.eventId)
  for (const [name, value] of Object.entries(input.customHeaders ?? {}))
    if (!FRAMING_HEADERS.has(name.toLowerCase())) set(name, value)
  if (input.secret !== null) {
    const timestamp = String(input.unixSeconds)
    set('X-Webhook-Signature', `sha256=${hmacHex(input.secret, input.body)}`)
    set('X-Webhook-Timestamp', timestamp)
    set('X-Webhook-Signature-256', `t=${timestamp},v1=${hmacHex(input.secret, `${timestamp}.${input.body}`)}`)
  }
  return Object.fromEntries(headers.values())
}
