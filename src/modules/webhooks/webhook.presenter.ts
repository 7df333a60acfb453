import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import type { WebhookInput } from './webhook.rules.js'
import type {
  CreateWebhookBody,
  DeliveryListJson,
  UpdateWebhookBody,
  WebhookDeliveryJson,
  WebhookJson,
  WebhookListJson,
  WebhookWithSecretJson,
} from './webhook.schemas.js'
import type { WebhookWithSecret } from './webhook.service.js'
import type { Webhook, WebhookDelivery } from './webhook.types.js'

/** The JSON form of webhooks.md §2.1, in its key order; never the secret. */
export function toWebhookJson(webhook: Webhook, write: DatetimeWriter): Static<typeof WebhookJson> {
  return {
    id: webhook.id,
    name: webhook.name,
    description: webhook.description,
    url: webhook.url,
    events: webhook.events,
    http_method: webhook.httpMethod,
    content_type: webhook.contentType,
    headers: webhook.headers ?? {},
    is_active: webhook.isActive,
    user_id: webhook.userId,
    max_retries: webhook.maxRetries,
    retry_delay_seconds: webhook.retryDelaySeconds,
    timeout_seconds: webhook.timeoutSeconds,
    total_deliveries: webhook.totalDeliveries,
    successful_deliveries: webhook.successfulDeliveries,
    failed_deliveries: webhook.failedDeliveries,
    last_delivery_at: optionalDatetime(write, webhook.lastDeliveryAt),
    last_success_at: optionalDatetime(write, webhook.lastSuccessAt),
    last_failure_at: optionalDatetime(write, webhook.lastFailureAt),
    created_at: write(webhook.createdAt),
    updated_at: write(webhook.updatedAt),
  }
}

/** The webhook plus `secret` when this answer shows it (webhooks.md §1.2, §1.4). */
export function toWebhookWithSecretJson(
  { webhook, secret }: WebhookWithSecret,
  write: DatetimeWriter,
): Static<typeof WebhookWithSecretJson> {
  return secret === undefined ? toWebhookJson(webhook, write) : { ...toWebhookJson(webhook, write), secret }
}

export function toWebhookListJson(
  list: { items: Webhook[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof WebhookListJson> {
  return {
    webhooks: list.items.map((webhook) => toWebhookJson(webhook, write)),
    pagination: toPaginationJson(page, list.total),
  }
}

/** The JSON form of webhooks.md §2.2: payload, response body and headers stay private. */
export function toDeliveryJson(
  delivery: WebhookDelivery,
  write: DatetimeWriter,
): Static<typeof WebhookDeliveryJson> {
  return {
    id: delivery.id,
    webhook_id: delivery.webhookId,
    event_type: delivery.eventType,
    event_id: delivery.eventId,
    status: delivery.status,
    attempt_number: delivery.attemptNumber,
    response_status_code: delivery.responseStatusCode,
    error_message: delivery.errorMessage,
    error_type: delivery.errorType,
    started_at: write(delivery.startedAt),
    completed_at: optionalDatetime(write, delivery.completedAt),
    duration_ms: delivery.durationMs,
    retry_count: delivery.retryCount,
    next_retry_at: optionalDatetime(write, delivery.nextRetryAt),
  }
}

export function toDeliveryListJson(
  list: { items: WebhookDelivery[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof DeliveryListJson> {
  return {
    deliveries: list.items.map((delivery) => toDeliveryJson(delivery, write)),
    pagination: toPaginationJson(page, list.total),
  }
}

/** The body's keys as domain input; absent keys stay absent (partial updates). */
export function fromWebhookBody(
  body: Static<typeof CreateWebhookBody> | Static<typeof UpdateWebhookBody>,
): WebhookInput {
  return {
    name: body.name,
    url: body.url,
    events: body.events,
    description: body.description,
    httpMethod: body.http_method,
    contentType: body.content_type,
    headers: body.headers,
    isActive: body.is_active,
    maxRetries: body.max_retries,
    retryDelaySeconds: body.retry_delay_seconds,
    timeoutSeconds: body.timeout_seconds,
    generateSecret: body.generate_secret,
  }
}

/** `is_active`: the string "true" in any case selects active webhooks, any other value inactive ones. */
export function fromIsActiveQuery(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value.toLowerCase() === 'true'
}
