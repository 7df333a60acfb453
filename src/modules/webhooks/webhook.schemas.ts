import { Type, type TProperties } from '@sinclair/typebox'
import { Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'

const datetime = () => Type.String({ description: 'datetime (api-core.md §1.2)' })

const webhookFields = {
  id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  url: Type.String(),
  events: Type.Array(Type.String()),
  http_method: Type.String(),
  content_type: Type.String(),
  headers: Type.Record(Type.String(), Type.String(), { description: '{} when none' }),
  is_active: Type.Boolean(),
  user_id: Type.Integer(),
  max_retries: Type.Integer(),
  retry_delay_seconds: Type.Integer(),
  timeout_seconds: Type.Integer(),
  total_deliveries: Type.Integer(),
  successful_deliveries: Type.Integer(),
  failed_deliveries: Type.Integer(),
  last_delivery_at: Nullable(datetime()),
  last_success_at: Nullable(datetime()),
  last_failure_at: Nullable(datetime()),
  created_at: datetime(),
  updated_at: datetime(),
} satisfies TProperties

/** The webhook of webhooks.md §2.1, without its secret. */
export const WebhookJson = Type.Object(webhookFields)

/** The webhook with its secret: only the create answer and an update that regenerated it (§8). */
export const WebhookWithSecretJson = Type.Object({
  ...webhookFields,
  secret: Type.Optional(
    Nullable(Type.String({ description: '43 characters of base64url; shown once; null when unsigned' })),
  ),
})

/** The delivery of webhooks.md §2.2. */
export const WebhookDeliveryJson = Type.Object({
  id: Type.Integer(),
  webhook_id: Type.Integer(),
  event_type: Type.String(),
  event_id: Type.String(),
  status: Type.Union(['pending', 'success', 'failed', 'retrying'].map((status) => Type.Literal(status))),
  attempt_number: Type.Integer(),
  response_status_code: Nullable(Type.Integer()),
  error_message: Nullable(Type.String()),
  error_type: Nullable(Type.String()),
  started_at: datetime(),
  completed_at: Nullable(datetime()),
  duration_ms: Nullable(Type.Integer()),
  retry_count: Type.Integer(),
  next_retry_at: Nullable(datetime()),
})

// The contract checks these fields in a fixed order with its own messages (webhooks.md §1.2),
// which a schema cannot express: the body schema only documents them, webhook.rules.ts checks.
const bodyField = (description: string) => Type.Optional(Type.Unknown({ description }))

const webhookBodyFields = {
  name: bodyField('string, 1–200 characters'),
  url: bodyField('absolute http(s) URL, at most 500 characters'),
  events: bodyField('event names of GET /webhooks/events, or "*"'),
  description: bodyField('string or null'),
  http_method: bodyField('POST (default), PUT or PATCH'),
  content_type: bodyField('at most 50 characters; default application/json'),
  headers: bodyField('object of string values, or null'),
  is_active: bodyField('boolean; default true'),
  max_retries: bodyField('integer 0–10; default 3'),
  retry_delay_seconds: bodyField('integer 1–86400; default 60'),
  timeout_seconds: bodyField('integer 1–300; default 30'),
}

export const CreateWebhookBody = Type.Object({
  ...webhookBodyFields,
  generate_secret: bodyField('boolean; default true (false: unsigned requests)'),
})

export const UpdateWebhookBody = Type.Object({
  ...webhookBodyFields,
  generate_secret: bodyField('truthy: replace the secret and show the new one'),
})

export const WebhookListQuery = Type.Object({
  is_active: Type.Optional(
    Type.String({ description: '"true" (any case) selects active webhooks, anything else inactive ones' }),
  ),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const DeliveryListQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'pending, success, failed or retrying' })),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const WebhookIdParams = Type.Object({ id: Type.String() })

export const WebhookListJson = Type.Object({ webhooks: Type.Array(WebhookJson), pagination: PaginationJson })
export const WebhookEnvelopeJson = Type.Object({ webhook: WebhookJson })
export const WebhookSavedJson = Type.Object({ webhook: WebhookWithSecretJson, message: Type.String() })
export const DeliveryListJson = Type.Object({
  deliveries: Type.Array(WebhookDeliveryJson),
  pagination: PaginationJson,
})
export const EventCatalogueJson = Type.Object({ events: Type.Array(Type.String()) })
export const WebhookTestedJson = Type.Object({
  success: Type.Literal(true),
  delivery: WebhookDeliveryJson,
  message: Type.String(),
})
export const MessageJson = Type.Object({ message: Type.String() })
