import type { Generated } from 'kysely'
import type { Defaulted, Flag, Instant, OptionalInstant } from './tables.js'

// Row types of the tables added by the extended API (api-extended.md §2–§4) and outgoing
// webhooks (webhooks.md §2), kept apart from the core tables; \`Database\` in tables.ts lists both.

export interface LeadTable {
  id: Generated<number>
  firstName: string
  lastName: string
  companyName: string | null
  email: string | null
  phone: string | null
  title: string | null
  source: string | null
  status: Defaulted<string>
  score: Defaulted<number>
  estimatedValueCents: number | null
  currencyCode: Defaulted<string>
  convertedToClientId: number | null
  convertedToDealId: number | null
  convertedAt: OptionalInstant
  convertedBy: number | null
  notes: string | null
  /** Comma-joined, as sent. */
  tags: string | null
  createdBy: number
  ownerId: number
  createdAt: Instant
  updatedAt: Instant
}

export interface ContactTable {
  id: Generated<number>
  clientId: number
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  mobile: string | null
  title: string | null
  department: string | null
  role: Defaulted<string>
  /** At most one per client (partial unique index). */
  isPrimary: Flag
  address: string | null
  notes: string | null
  tags: string | null
  isActive: Flag
  createdBy: number
  createdAt: Instant
  updatedAt: Instant
}

export interface DealTable {
  id: Generated<number>
  clientId: number | null
  contactId: number | null
  leadId: number | null
  name: string
  description: string | null
  stage: Defaulted<string>
  valueCents: number | null
  currencyCode: Defaulted<string>
  probability: number | null
  /** Local dates `YYYY-MM-DD`. */
  expectedCloseDate: string | null
  actualCloseDate: string | null
  status: Defaulted<string>
  lossReason: string | null
  relatedQuoteId: number | null
  relatedProjectId: number | null
  notes: string | null
  createdBy: number
  ownerId: number | null
  createdAt: Instant
  updatedAt: Instant
  closedAt: OptionalInstant
}

export interface TimeEntryApprovalTable {
  id: Generated<number>
  timeEntryId: number
  status: Defaulted<string>
  requestedBy: number
  /** Who approved or rejected. */
  approvedBy: number | null
  requestedAt: Instant
  approvedAt: OptionalInstant
  rejectedAt: OptionalInstant
  requestComment: string | null
  approvalComment: string | null
  rejectionReason: string | null
  parentApprovalId: number | null
  approvalLevel: number
}

/** Inventory (api-extended.md §2): quantities in hundredths, money in cents, both exact. */
export interface StockItemTable {
  id: Generated<number>
  /** Trimmed and upper-cased; unique. */
  sku: string
  name: string
  description: string | null
  category: string | null
  unit: Defaulted<string>
  defaultCostCents: number | null
  defaultPriceCents: number | null
  currencyCode: Defaulted<string>
  barcode: string | null
  isActive: Flag
  isTrackable: Flag
  reorderPointHundredths: number | null
  reorderQuantityHundredths: number | null
  supplier: string | null
  supplierSku: string | null
  imageUrl: string | null
  notes: string | null
  createdBy: number
  createdAt: Instant
  updatedAt: Instant
}

export interface WarehouseTable {
  id: Generated<number>
  name: string
  /** Trimmed and upper-cased; unique. */
  code: string
  address: string | null
  contactPerson: string | null
  contactEmail: string | null
  contactPhone: string | null
  isActive: Flag
  notes: string | null
  createdBy: number
  createdAt: Instant
  updatedAt: Instant
}

export interface WarehouseStockTable {
  id: Generated<number>
  warehouseId: number
  stockItemId: number
  /** Never negative: adjustments clamp at 0. */
  quantityOnHandHundredths: Defaulted<number>
  quantityReservedHundredths: Defaulted<number>
  location: string | null
  lastCountedAt: OptionalInstant
  lastCountedBy: number | null
  createdAt: Instant
  updatedAt: Instant
}

export interface StockMovementTable {
  id: Generated<number>
  movementType: string
  stockItemId: number
  warehouseId: number
  /** Signed: positive adds stock. */
  quantityHundredths: number
  referenceType: string | null
  referenceId: number | null
  unitCostCents: number | null
  reason: string | null
  notes: string | null
  movedBy: number
  movedAt: Instant
}

/** A valuation layer; its quantity may go negative through adjustments. */
export interface StockLotTable {
  id: Generated<number>
  stockItemId: number
  warehouseId: number
  lotType: string
  unitCostCents: number
  quantityOnHandHundredths: number
  createdAt: Instant
  createdBy: number | null
  sourceMovementId: number | null
  notes: string | null
}

export interface StockLotAllocationTable {
  id: Generated<number>
  stockMovementId: number
  stockLotId: number
  /** Signed: + when the movement filled the lot, − when it took from it. */
  quantityHundredths: number
  unitCostCents: number
  createdAt: Instant
}

export interface StockTransferReferenceTable {
  referenceId: number
  createdAt: Instant
}

/** Outgoing webhooks (migration 2026_12_05_0900, webhooks.md §2.1). */
export interface WebhookTable {
  id: Generated<number>
  name: string
  description: string | null
  url: string
  /** `enc:v1:` + Fernet token, or null. */
  secret: string | null
  /** JSON array of event names. */
  events: string
  httpMethod: string
  contentType: string
  /** JSON object, or null. */
  headers: string | null
  isActive: Flag
  userId: number
  maxRetries: number
  retryDelaySeconds: number
  timeoutSeconds: number
  totalDeliveries: Defaulted<number>
  successfulDeliveries: Defaulted<number>
  failedDeliveries: Defaulted<number>
  lastDeliveryAt: OptionalInstant
  lastSuccessAt: OptionalInstant
  lastFailureAt: OptionalInstant
  createdAt: Instant
  updatedAt: Instant
}

/** One record per (event occurrence, webhook) (webhooks.md §2.2), plus the dispatcher's claim. */
export interface WebhookDeliveryTable {
  id: Generated<number>
  webhookId: number
  eventType: string
  eventId: string
  payload: string
  payloadHash: string
  status: string
  attemptNumber: Defaulted<number>
  retryCount: Defaulted<number>
  nextRetryAt: OptionalInstant
  responseStatusCode: number | null
  responseBody: string | null
  /** JSON object, or null. */
  responseHeaders: string | null
  errorMessage: string | null
  errorType: string | null
  startedAt: Instant
  completedAt: OptionalInstant
  durationMs: number | null
  claimedBy: string | null
  claimedUntilMs: number | null
}
