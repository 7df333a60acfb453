import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  AttemptTally,
  claimableRun,
  decideRetry,
  judgeAttempt,
  requestHeaders,
} from './webhook-delivery.rules.js'
import { subscribesTo } from './webhook.rules.js'

const NOW = new Date('2026-01-15T09:30:00Z')
const NOW_MS = NOW.getTime()

describe('judgeAttempt (webhooks.md §5.4)', () => {
  const response = (statusCode: number, body = '') => ({
    kind: 'response' as const,
    statusCode,
    body,
    headers: { a: 'b' },
  })

  it('counts 200–299 as success, keeping body and headers and no error', () => {
    expect(judgeAttempt(response(299, 'fine'), 30)).toEqual({
      succeeded: true,
      responseStatusCode: 299,
      responseBody: 'fine',
      responseHeaders: { a: 'b' },
      errorType: null,
      errorMessage: null,
    })
  })

  it('counts any other final response, 3xx included, as an http_error with 500 characters of body', () => {
    const result = judgeAttempt(response(301, 'z'.repeat(12_000)), 30)

    expect(result).toMatchObject({
      succeeded: false,
      responseStatusCode: 301,
      errorType: 'http_error',
      responseHeaders: null,
    })
    expect(result.errorMessage).toBe(`HTTP 301: ${'z'.repeat(500)}`)
    expect(result.responseBody).toHaveLength(10_000)
  })

  it('words timeouts, connection errors, refusals and anything else as the table says', () => {
    expect(judgeAttempt({ kind: 'timeout' }, 7).errorMessage).toBe('Request timeout after 7s')
    expect(judgeAttempt({ kind: 'connection_error', detail: 'e'.repeat(600) }, 7).errorMessage).toBe(
      `Connection error: ${'e'.repeat(500)}`,
    )
    expect(judgeAttempt({ kind: 'unknown_error', detail: 'odd' }, 7)).toMatchObject({
      errorType: 'unknown_error',
      errorMessage: 'Unexpected error: odd',
      responseStatusCode: null,
    })
    expect(judgeAttempt({ kind: 'blocked_destination', detail: 'x' }, 7).errorType).toBe(
      'blocked_destination',
    )
  })
})

describe('decideRetry (webhooks.md §6.2)', () => {
  const webhook = { maxRetries: 3, retryDelaySeconds: 60 }

  it('schedules retries at 60, 120 and 240 seconds after each failure, then fails', () => {
    expect(decideRetry(0, webhook, NOW)).toEqual({
      status: 'retrying',
      retryCount: 1,
      nextRetryAt: new Date(NOW_MS + 60_000),
    })
    expect(decideRetry(1, webhook, NOW)).toEqual({
      status: 'retrying',
      retryCount: 2,
      nextRetryAt: new Date(NOW_MS + 120_000),
    })
    expect(decideRetry(2, webhook, NOW)).toEqual({
      status: 'retrying',
      retryCount: 3,
      nextRetryAt: new Date(NOW_MS + 240_000),
    })
    expect(decideRetry(3, webhook, NOW)).toEqual({ status: 'failed' })
  })

  it('makes max_retries 0 a single attempt', () => {
    expect(decideRetry(0, { maxRetries: 0, retryDelaySeconds: 60 }, NOW)).toEqual({ status: 'failed' })
  })
})

describe('claimableRun', () => {
  const pending = (id: number) => ({
    id,
    status: 'pending' as const,
    nextRetryAt: null,
    claimedUntilMs: null,
  })

  it('takes the unbroken run of due, unclaimed deliveries from the head', () => {
    const queue = [
      { id: 1, status: 'retrying' as const, nextRetryAt: NOW, claimedUntilMs: null },
      pending(2),
      { ...pending(3), claimedUntilMs: NOW_MS - 1 },
      { ...pending(4), claimedUntilMs: NOW_MS + 1 },
      pending(5),
    ]

    expect(claimableRun(queue, NOW, NOW_MS)).toEqual([1, 2, 3])
  })

  it('takes nothing while the head waits for its retry, however much is pending behind it', () => {
    const queue = [
      { id: 1, status: 'retrying' as const, nextRetryAt: new Date(NOW_MS + 1000), claimedUntilMs: null },
      pending(2),
    ]

    expect(claimableRun(queue, NOW, NOW_MS)).toEqual([])
  })
})

describe('requestHeaders (webhooks.md §5.2, §5.3)', () => {
  const input = {
    contentType: 'application/json',
    eventType: 'time_entry.stopped',
    webhookId: 7,
    eventId: '0b5d6f6e-3c1a-4a7e-9a51-5b7f1c2d9e10',
    customHeaders: { 'content-type': 'text/plain', 'Content-Length': '1', 'X-Webhook-Signature-256': 'x' },
    secret: 's3cr3t',
    body: '{"a": 1}',
    unixSeconds: 1_768_469_400,
  }

  it('lets custom headers override the defaults (case-insensitively) but never the signatures or the framing', () => {
    expect(requestHeaders(input)).toEqual({
      'content-type': 'text/plain',
      'User-Agent': 'TimeTracker-Webhook/1.0',
      'X-Webhook-Event': 'time_entry.stopped',
      'X-Webhook-ID': '7',
      'X-Webhook-Event-Id': '0b5d6f6e-3c1a-4a7e-9a51-5b7f1c2d9e10',
      'X-Webhook-Signature': `sha256=${createHmac('sha256', 's3cr3t').update('{"a": 1}').digest('hex')}`,
      'X-Webhook-Timestamp': '1768469400',
      'X-Webhook-Signature-256': `t=1768469400,v1=${createHmac('sha256', 's3cr3t').update('1768469400.{"a": 1}').digest('hex')}`,
    })
  })

  it('sends no signature headers without a secret', () => {
    const headers = requestHeaders({ ...input, customHeaders: null, secret: null })

    expect(Object.keys(headers)).toEqual([
      'Content-Type',
      'User-Agent',
      'X-Webhook-Event',
      'X-Webhook-ID',
      'X-Webhook-Event-Id',
    ])
  })
})

describe('AttemptTally', () => {
  it('counts successes and failures and keeps the latest instants', () => {
    const later = new Date(NOW_MS + 5000)
    const tally = new AttemptTally()
      .add({ succeeded: false, completedAt: NOW })
      .add({ succeeded: true, completedAt: later })
      .add({ succeeded: false, completedAt: NOW })

    expect(tally).toMatchObject({
      succeeded: 1,
      failed: 2,
      lastDeliveryAt: later,
      lastSuccessAt: later,
      lastFailureAt: NOW,
    })
  })
})

describe('subscribesTo', () => {
  it('matches exact names, and * for every catalogue event but not live-stream-only ones', () => {
    expect(subscribesTo(['task.created'], 'task.created')).toBe(true)
    expect(subscribesTo(['task.created'], 'task.updated')).toBe(false)
    expect(subscribesTo(['*'], 'comment.deleted')).toBe(true)
    expect(subscribesTo(['*'], 'approval.approved')).toBe(false)
    expect(subscribesTo([], 'project.created')).toBe(false)
  })
})
