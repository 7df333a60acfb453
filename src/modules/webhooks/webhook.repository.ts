import { sql, type Kysely, type Selectable, type Updateable } from 'kysely'
import type { Database, WebhookTable } from '../../db/tables.js'
import { readFlag, readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { AttemptTally } from './webhook-delivery.rules.js'
import type { Webhook, WebhookHttpMethod, WebhookSettings } from './webhook.types.js'

export function toWebhook(row: Selectable<WebhookTable>): Webhook {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    url: row.url,
    encryptedSecret: row.secret,
    events: JSON.parse(row.events) as string[],
    httpMethod: row.httpMethod as WebhookHttpMethod,
    contentType: row.contentType,
    headers: row.headers === null ? null : (JSON.parse(row.headers) as Record<string, string>),
    isActive: readFlag(row.isActive),
    userId: row.userId,
    maxRetries: row.maxRetries,
    retryDelaySeconds: row.retryDelaySeconds,
    timeoutSeconds: row.timeoutSeconds,
    totalDeliveries: readNumber(row.totalDeliveries),
    successfulDeliveries: readNumber(row.successfulDeliveries),
    failedDeliveries: readNumber(row.failedDeliveries),
    lastDeliveryAt: readOptionalInstant(row.lastDeliveryAt),
    lastSuccessAt: readOptionalInstant(row.lastSuccessAt),
    lastFailureAt: readOptionalInstant(row.lastFailureAt),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

function toColumns(settings: Partial<WebhookSettings>): Updateable<WebhookTable> {
  const { events, headers, ...rest } = settings
  return {
    ...rest,
    ...(events !== undefined ? { events: JSON.stringify(events) } : {}),
    ...(headers !== undefined ? { headers: headers === null ? null : JSON.stringify(headers) } : {}),
  }
}

/** Which webhooks a list shows: one owner's (null = everyone's) and optionally by activity. */
export interface WebhookFilter {
  userId: number | null
  isActive?: boolean
}

/** An active webhook as the fan-out needs it (webhooks.md §3.2). */
export interface WebhookRecipient {
  id: number
  userId: number
  events: string[]
  ownerIsAdmin: boolean
}

export class WebhookRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(settings: WebhookSettings, userId: number, encryptedSecret: string | null, now: Date) {
    const row = await this.db
      .insertInto('webhooks')
      .values({
        ...(toColumns(settings) as WebhookSettings & { events: string; headers: string | null }),
        userId,
        secret: encryptedSecret,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toWebhook(row)
  }

  async findById(id: number): Promise<Webhook | undefined> {
    const row = await this.db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toWebhook(row)
  }

  /** One page, newest first (webhooks.md §1.1). */
  async list(filter: WebhookFilter, window: { limit: number; offset: number }): Promise<Webhook[]> {
    const rows = await this.filtered(filter)
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(window.limit)
      .offset(window.offset)
      .execute()
    return rows.map(toWebhook)
  }

  async count(filter: WebhookFilter): Promise<number> {
    const row = await this.filtered(filter)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    return readNumber(row.count)
  }

  private filtered(filter: WebhookFilter) {
    let query = this.db.selectFrom('webhooks')
    if (filter.userId !== null) query = query.where('userId', '=', filter.userId)
    if (filter.isActive !== undefined) query = query.where('isActive', '=', filter.isActive)
    return query
  }

  /** Applies the changes (and a new encrypted secret when given); undefined when gone. */
  async update(
    id: number,
    settings: Partial<WebhookSettings>,
    encryptedSecret: string | undefined,
    now: Date,
  ): Promise<Webhook | undefined> {
    const row = await this.db
      .updateTable('webhooks')
      .set({
        ...toColumns(settings),
        ...(encryptedSecret !== undefined ? { secret: encryptedSecret } : {}),
        updatedAt: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toWebhook(row)
  }

  /** Deletes the webhook; its deliveries go with it (foreign key cascade). */
  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst()
    return result.numDeletedRows > 0n
  }

  /** Every active webhook with its owner's current role, by ascending id: one query per unit. */
  async listRecipients(): Promise<WebhookRecipient[]> {
    const rows = await this.db
      .selectFrom('webhooks as w')
      .innerJoin('users as u', 'u.id', 'w.userId')
      .select(['w.id', 'w.userId', 'w.events', 'u.role'])
      .where('w.isActive', '=', true)
      .orderBy('w.id')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      userId: row.userId,
      events: JSON.parse(row.events) as string[],
      ownerIsAdmin: row.role === 'admin',
    }))
  }

  /** Adds finished attempts to the statistics in SQL, so concurrent attempts never lose one (webhooks.md §7). */
  async countAttempts(id: number, tally: AttemptTally): Promise<void> {
    if (tally.succeeded + tally.failed === 0) return
    await this.db
      .updateTable('webhooks')
      .set((eb) => ({
        totalDeliveries: sql`${eb.ref('totalDeliveries')} + ${tally.succeeded + tally.failed}`,
        successfulDeliveries: sql`${eb.ref('successfulDeliveries')} + ${tally.succeeded}`,
        failedDeliveries: sql`${eb.ref('failedDeliveries')} + ${tally.failed}`,
        lastDeliveryAt: tally.lastDeliveryAt,
        ...(tally.lastSuccessAt ? { lastSuccessAt: tally.lastSuccessAt } : {}),
        ...(tally.lastFailureAt ? { lastFailureAt: tally.lastFailureAt } : {}),
      }))
      .where('id', '=', id)
      .execute()
  }
}
