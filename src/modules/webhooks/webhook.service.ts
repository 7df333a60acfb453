import { randomBytes, randomUUID } from 'node:crypto'
import { AppError } from '../../errors.js'
import { formatUtc } from '../../lib/iso-dates.js'
import type { Clock } from '../../platform/clock.js'
import type { SecretEncryption } from '../../platform/secret-encryption.js'
import { EVENT_CATALOGUE } from '../events/event.types.js'
import type { User } from '../users/user.types.js'
import type { WebhookDeliveryRepository } from './webhook-delivery.repository.js'
import { deliveryContent } from './webhook-fanout.js'
import type { WebhookRepository } from './webhook.repository.js'
import { toNewWebhookSettings, toWebhookChanges, type WebhookInput } from './webhook.rules.js'
import type { DeliveryContent, Webhook, WebhookDelivery } from './webhook.types.js'

/** A page of a list: 1-based page number and its size. */
export interface PageWindow {
  page: number
  perPage: number
}

/** A webhook with its plain secret when this answer is the one that shows it (webhooks.md §8). */
export interface WebhookWithSecret {
  webhook: Webhook
  /** Undefined when the secret is not shown; null when the webhook has none. */
  secret?: string | null
}

/** Sends a delivery at once and returns it after the attempt (the dispatcher). */
export interface ImmediateSender {
  sendNow(webhook: Webhook, content: DeliveryContent): Promise<WebhookDelivery>
}

const notFound = () => new AppError('not_found', 'not_found', 'Webhook not found')
const accessDenied = () => new AppError('forbidden', 'forbidden', 'Access denied')
const rows = (window: PageWindow) => ({ limit: window.perPage, offset: (window.page - 1) * window.perPage })

/** 32 random bytes as base64url without padding: 43 characters (webhooks.md §8). */
export function generateWebhookSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** The management of outgoing webhooks (webhooks.md §1). */
export class WebhookService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly secrets: SecretEncryption,
    private readonly sender: ImmediateSender,
    private readonly clock: Clock,
    private readonly allowPrivateTargets: boolean,
  ) {}

  /** One page of the webhooks the user may see (administrators: all), newest first. */
  async list(user: User, isActive: boolean | undefined, window: PageWindow) {
    const filter = { userId: user.isAdmin ? null : user.id, isActive }
    const [items, total] = await Promise.all([
      this.webhooks.list(filter, rows(window)),
      this.webhooks.count(filter),
    ])
    return { items, total }
  }

  /** Creates a webhook owned by the user; the answer is the only one that shows its secret. */
  async create(user: User, input: WebhookInput): Promise<WebhookWithSecret> {
    const { settings, generateSecret } = toNewWebhookSettings(input, this.allowPrivateTargets)
    const secret = generateSecret ? generateWebhookSecret() : null
    const encrypted = secret === null ? null : this.secrets.encrypt(secret)
    const webhook = await this.webhooks.insert(settings, user.id, encrypted, this.clock.now())
    return { webhook, secret }
  }

  /** The webhook: `not_found` when unknown, `forbidden` when someone else's and the user is no administrator. */
  async get(user: User, id: number): Promise<Webhook> {
    const webhook = await this.webhooks.findById(id)
    if (!webhook) throw notFound()
    if (!user.isAdmin && webhook.userId !== user.id) throw accessDenied()
    return webhook
  }

  /** Changes the keys present; a truthy `generate_secret` replaces the secret and shows the new one. */
  async update(user: User, id: number, input: WebhookInput): Promise<WebhookWithSecret> {
    await this.get(user, id)
    const { regenerateSecret, ...changes } = toWebhookChanges(input, this.allowPrivateTargets)
    const secret = regenerateSecret ? generateWebhookSecret() : undefined
    const encrypted = secret === undefined ? undefined : this.secrets.encrypt(secret)
    const webhook = await this.webhooks.update(id, changes, encrypted, this.clock.now())
    if (!webhook) throw notFound()
    return secret === undefined ? { webhook } : { webhook, secret }
  }

  /** Deletes the webhook with all its deliveries; pending retries are dropped. */
  async delete(user: User, id: number): Promise<void> {
    await this.get(user, id)
    await this.webhooks.delete(id)
  }

  /** One page of the webhook's deliveries, latest first, optionally of one status. */
  async listDeliveries(user: User, id: number, status: string | undefined, window: PageWindow) {
    await this.get(user, id)
    const [items, total] = await Promise.all([
      this.deliveries.list(id, status, rows(window)),
      this.deliveries.count(id, status),
    ])
    return { items, total }
  }

  /** The 31 event names in catalogue order. */
  catalogue(): readonly string[] {
    return EVENT_CATALOGUE
  }

  /** Sends `webhook.test` now, whatever the subscriptions, and returns the delivery after its first attempt. */
  async test(user: User, id: number): Promise<WebhookDelivery> {
    const webhook = await this.get(user, id)
    if (!webhook.isActive) throw new AppError('invalid', 'bad_request', 'Webhook is not active')
    const payload = {
      event_type: 'webhook.test',
      timestamp: formatUtc(this.clock.now()),
      user: { id: user.id, username: user.username },
      message: 'This is a test webhook event',
    }
    return this.sender.sendNow(webhook, deliveryContent('webhook.test', randomUUID(), payload))
  }
}
