import { sql, type Kysely, type Selectable, type SqlBool } from 'kysely'
import { insertRowsReturningIds } from '../../db/bulk-insert.js'
import type { Database, WebhookDeliveryTable } from '../../db/tables.js'
import { readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { AttemptResult, QueuedDelivery, RetryDecision } from './webhook-delivery.rules.js'
import type {
  ClaimedDelivery,
  DeliveryContent,
  DeliveryErrorType,
  DeliveryStatus,
  WebhookDelivery,
} from './webhook.types.js'

/**
 * The open queue (`pending` or `retrying`), spelled as the partial index of the migration
 * spells it: SQLite uses a partial index only when the query repeats its condition with the
 * same literals (bound parameters cannot prove it).
 */
const isOpen = (column: 'status' | 'd.status' = 'status') =>
  sql<SqlBool>`${sql.ref(column)} in ('pending', 'retrying')`

function toDelivery(row: Selectable<WebhookDeliveryTable>): WebhookDelivery {
  return {
    id: Number(row.id),
    webhookId: row.webhookId,
    eventType: row.eventType,
    eventId: row.eventId,
    status: row.status as DeliveryStatus,
    attemptNumber: row.attemptNumber,
    retryCount: row.retryCount,
    nextRetryAt: readOptionalInstant(row.nextRetryAt),
    responseStatusCode: row.responseStatusCode,
    responseBody: row.responseBody,
    responseHeaders:
      row.responseHeaders === null ? null : (JSON.parse(row.responseHeaders) as Record<string, unknown>),
    errorMessage: row.errorMessage,
    errorType: row.errorType as DeliveryErrorType | null,
    startedAt: readInstant(row.startedAt),
    completedAt: readOptionalInstant(row.completedAt),
    durationMs: row.durationMs,
  }
}

const toClaimed = (row: Selectable<WebhookDeliveryTable>): ClaimedDelivery => ({
  ...toDelivery(row),
  payload: row.payload,
})

/** A new pending delivery: the content of one event occurrence for one webhook. */
export interface NewDelivery extends DeliveryContent {
  webhookId: number
  createdAt: Date
}

const INSERT_COLUMNS = [
  'webhook_id',
  'event_type',
  'event_id',
  'payload',
  'payload_hash',
  'status',
  'attempt_number',
  'retry_count',
  'started_at',
]

/** The end of one attempt, as written on the delivery (webhooks.md §5.4, §6.2). */
export interface FinishedAttempt {
  result: AttemptResult
  attemptNumber: number
  startedAt: Date
  completedAt: Date
  durationMs: number
  /** Undefined for a success. */
  retry?: RetryDecision
}

export class WebhookDeliveryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Writes pending deliveries in multi-row statements, in the order given (their id order). */
  async insertPending(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return
    const rows = deliveries.map((d) => [
      d.webhookId,
      d.eventType,
      d.eventId,
      d.payload,
      d.payloadHash,
      'pending',
      1,
      0,
      d.createdAt,
    ])
    await insertRowsReturningIds(this.db, 'webhook_deliveries', INSERT_COLUMNS, rows)
  }

  /** Writes a pending delivery already claimed by `owner` (the test route attempts it at once). */
  async insertClaimed(delivery: NewDelivery, owner: string, untilMs: number): Promise<ClaimedDelivery> {
    const row = await this.db
      .insertInto('webhookDeliveries')
      .values({
        webhookId: delivery.webhookId,
        eventType: delivery.eventType,
        eventId: delivery.eventId,
        payload: delivery.payload,
        payloadHash: delivery.payloadHash,
        status: 'pending',
        startedAt: delivery.createdAt,
        claimedBy: owner,
        claimedUntilMs: untilMs,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toClaimed(row)
  }

  async findById(id: number): Promise<WebhookDelivery | undefined> {
    const row = await this.db
      .selectFrom('webhookDeliveries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row && toDelivery(row)
  }

  /** One page of a webhook's deliveries, latest attempt first (webhooks.md §1.6). */
  async list(webhookId: number, status: string | undefined, window: { limit: number; offset: number }) {
    const rows = await this.filtered(webhookId, status)
      .selectAll()
      .orderBy('startedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(window.limit)
      .offset(window.offset)
      .execute()
    return rows.map(toDelivery)
  }

  async count(webhookId: number, status: string | undefined): Promise<number> {
    const row = await this.filtered(webhookId, status)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return readNumber(row.count)
  }

  private filtered(webhookId: number, status: string | undefined) {
    const query = this.db.selectFrom('webhookDeliveries').where('webhookId', '=', webhookId)
    return status === undefined ? query : query.where('status', '=', status)
  }

  /**
   * Webhooks whose head (oldest open delivery) is due and unclaimed: pending, or retrying with
   * `next_retry_at` ≤ now; oldest first, at most `limit` (webhooks.md §6.3).
   */
  async findDueWebhooks(now: Date, nowMs: number, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('webhookDeliveries as d')
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('webhookDeliveries')
            .select(['webhookId', (e) => e.fn.min('id').as('headId')])
            .where(isOpen())
            .groupBy('webhookId')
            .as('h'),
        (join) => join.onRef('h.headId', '=', 'd.id'),
      )
      .select('d.webhookId')
      .where((eb) => eb.or([eb('d.status', '=', 'pending'), eb('d.nextRetryAt', '<=', now)]))
      .where((eb) => eb.or([eb('d.claimedUntilMs', 'is', null), eb('d.claimedUntilMs', '<', nowMs)]))
      .orderBy((eb) => eb.fn.coalesce('d.nextRetryAt', 'd.startedAt'))
      .orderBy('d.id')
      .limit(limit)
      .execute()
    return rows.map((row) => row.webhookId)
  }

  /** The webhook's first `limit` open deliveries, in id order: what a dispatcher may claim next. */
  async listQueueHead(webhookId: number, limit: number): Promise<QueuedDelivery[]> {
    const rows = await this.db
      .selectFrom('webhookDeliveries')
      .select(['id', 'status', 'nextRetryAt', 'claimedUntilMs'])
      .where('webhookId', '=', webhookId)
      .where(isOpen())
      .orderBy('id')
      .limit(limit)
      .execute()
    return rows.map((row) => ({
      id: Number(row.id),
      status: row.status as DeliveryStatus,
      nextRetryAt: readOptionalInstant(row.nextRetryAt),
      claimedUntilMs: row.claimedUntilMs === null ? null : Number(row.claimedUntilMs),
    }))
  }

  /**
   * Claims those of `ids` that are still open and unclaimed (or whose claim ran out) for
   * `owner` until `untilMs`, in one statement: a row another process claimed meanwhile is
   * not returned. The claimed rows come back in id order, with their bodies.
   */
  async claim(ids: number[], owner: string, nowMs: number, untilMs: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db
      .updateTable('webhookDeliveries')
      .set({ claimedBy: owner, claimedUntilMs: untilMs })
      .where('id', 'in', ids)
      .where(isOpen())
      .where((eb) => eb.or([eb('claimedUntilMs', 'is', null), eb('claimedUntilMs', '<', nowMs)]))
      .returningAll()
      .execute()
    return rows.map(toClaimed).sort((a, b) => a.id - b.id)
  }

  /** Extends `owner`'s claims on `ids`; returns how many it still held. */
  async extendClaims(ids: number[], owner: string, untilMs: number): Promise<number> {
    const result = await this.db
      .updateTable('webhookDeliveries')
      .set({ claimedUntilMs: untilMs })
      .where('id', 'in', ids)
      .where('claimedBy', '=', owner)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  }

  /** Records a finished attempt and releases the claim (webhooks.md §5.4, §6.2). */
  async finishAttempt(id: number, attempt: FinishedAttempt): Promise<void> {
    const { result, retry } = attempt
    await this.db
      .updateTable('webhookDeliveries')
      .set({
        status: result.succeeded ? 'success' : (retry?.status ?? 'failed'),
        attemptNumber: attempt.attemptNumber,
        ...(retry?.status === 'retrying' ? { retryCount: retry.retryCount } : {}),
        nextRetryAt: retry?.status === 'retrying' ? retry.nextRetryAt : null,
        responseStatusCode: result.responseStatusCode,
        responseBody: result.responseBody,
        ...(result.succeeded ? { responseHeaders: JSON.stringify(result.responseHeaders) } : {}),
        errorMessage: result.errorMessage,
        errorType: result.errorType,
        startedAt: attempt.startedAt,
        completedAt: attempt.completedAt,
        durationMs: attempt.durationMs,
        claimedBy: null,
        claimedUntilMs: null,
      })
      .where('id', '=', id)
      .execute()
  }

  /** Fails a due delivery of an inactive webhook without an attempt (webhooks.md §6.3). */
  async failInactive(id: number, completedAt: Date): Promise<void> {
    await this.db
      .updateTable('webhookDeliveries')
      .set({
        status: 'failed',
        errorType: 'webhook_inactive',
        errorMessage: 'Webhook is inactive or deleted',
        nextRetryAt: null,
        completedAt,
        claimedBy: null,
        claimedUntilMs: null,
      })
      .where('id', '=', id)
      .execute()
  }

  /** Gives claims back without recording anything (attempts not made, or abandoned at shutdown). */
  async release(ids: number[], owner: string): Promise<void> {
    if (ids.length === 0) return
    await this.db
      .updateTable('webhookDeliveries')
      .set({ claimedBy: null, claimedUntilMs: null })
      .where('id', 'in', ids)
      .where('claimedBy', '=', owner)
      .execute()
  }
}
