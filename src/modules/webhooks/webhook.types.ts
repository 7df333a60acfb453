/** Methods a webhook may use (webhooks.md §1.2). */
export const HTTP_METHODS = ['POST', 'PUT', 'PATCH'] as const
export type WebhookHttpMethod = (typeof HTTP_METHODS)[number]

/** Delivery statuses (webhooks.md §6.1); `pending` and `retrying` are open, the others final. */
export const DELIVERY_STATUSES = ['pending', 'success', 'failed', 'retrying'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
export const OPEN_STATUSES: readonly DeliveryStatus[] = ['pending', 'retrying']

/** Why an attempt failed (webhooks.md §2.2, §5.1, §5.4, §6.3). */
export type DeliveryErrorType =
  'http_error' | 'timeout' | 'connection_error' | 'unknown_error' | 'webhook_inactive' | 'blocked_destination'

/** A webhook as stored (webhooks.md §2.1); the secret stays encrypted until it signs. */
export interface Webhook {
  id: number
  name: string
  description: string | null
  url: string
  /** `enc:v1:` + Fernet token, or null when requests are unsigned. */
  encryptedSecret: string | null
  events: string[]
  httpMethod: WebhookHttpMethod
  contentType: string
  headers: Record<string, string> | null
  isActive: boolean
  userId: number
  maxRetries: number
  retryDelaySeconds: number
  timeoutSeconds: number
  totalDeliveries: number
  successfulDeliveries: number
  failedDeliveries: number
  lastDeliveryAt: Date | null
  lastSuccessAt: Date | null
  lastFailureAt: Date | null
  createdAt: Date
  updatedAt: Date
}

/** The settings a user chooses (everything but identity, owner, secret and statistics). */
export interface WebhookSettings {
  name: string
  description: string | null
  url: string
  events: string[]
  httpMethod: WebhookHttpMethod
  contentType: string
  headers: Record<string, string> | null
  isActive: boolean
  maxRetries: number
  retryDelaySeconds: number
  timeoutSeconds: number
}

/** One record per (event occurrence, webhook) (webhooks.md §2.2). */
export interface WebhookDelivery {
  id: number
  webhookId: number
  eventType: string
  eventId: string
  status: DeliveryStatus
  attemptNumber: number
  retryCount: number
  nextRetryAt: Date | null
  responseStatusCode: number | null
  responseBody: string | null
  responseHeaders: Record<string, unknown> | null
  errorMessage: string | null
  errorType: DeliveryErrorType | null
  startedAt: Date
  completedAt: Date | null
  durationMs: number | null
}

/** A delivery claimed for an attempt: the record plus the exact body to send. */
export interface ClaimedDelivery extends WebhookDelivery {
  payload: string
}

/** The body of one event occurrence for one webhook, serialized once (webhooks.md §4.4). */
export interface DeliveryContent {
  eventType: string
  eventId: string
  payload: string
  payloadHash: string
}
