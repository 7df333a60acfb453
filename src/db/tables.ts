import type { ColumnType, Generated } from 'kysely'

/** Stored as timestamptz (PostgreSQL) or Unix seconds (SQLite); written as a Date. */
export type Instant = ColumnType<Date | number, Date, Date>
export type OptionalInstant = ColumnType<Date | number | null, Date | null | undefined, Date | null>
/** Stored as boolean (PostgreSQL) or 0/1 (SQLite); written as a boolean. */
export type Flag = ColumnType<boolean | number, boolean | undefined, boolean>
/** A column with a database default: optional on insert. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>

export interface RoleTable {
  name: string
  description: string
  /** JSON array of permission names. */
  permissions: string
}

export interface UserTable {
  id: Generated<number>
  /** Always lowercase, so uniqueness is case-insensitive. */
  username: string
  email: string | null
  fullName: string | null
  passwordHash: string | null
  role: string
  isActive: Flag
  createdAt: Instant
  updatedAt: Instant
  lastLogin: OptionalInstant
  timezone: string | null
  dateFormat: string | null
  timeFormat: string | null
  weekStartDay: Defaulted<number>
  standardHoursPerDay: Defaulted<number>
  overtimeIncludeWeekends: Flag
  timeRoundingEnabled: Flag
  timeRoundingMinutes: Defaulted<number>
  timeRoundingMethod: Defaulted<string>
  avatarFilename: string | null
}

export interface ApiTokenTable {
  id: Generated<number>
  name: string
  description: string | null
  tokenHash: string
  tokenPrefix: string
  userId: number
  scopes: string
  createdAt: Instant
  expiresAt: OptionalInstant
  lastUsedAt: OptionalInstant
  usageCount: Defaulted<number>
  isActive: Flag
  ipWhitelist: string | null
}

export interface SessionTable {
  /** SHA-256 of the random session id carried by the cookie. */
  idHash: string
  userId: number
  csrfToken: string
  createdAt: Instant
  expiresAt: Instant
}

export interface SettingsTable {
  id: number
  timezone: Defaulted<string | null>
  currency: Defaulted<string>
  roundingMinutes: Defaulted<number>
  singleActiveTimer: Flag
  /** JSON array of module ids switched off by an admin. */
  disabledModuleIds: Defaulted<string>
  timeEntryRequireTask: Flag
  timeEntryRequireDescription: Flag
  timeEntryDescriptionMinLength: Defaulted<number>
  lockedClientId: Defaulted<number | null>
  defaultDailyWorkingHours: Defaulted<number>
  dateFormat: Defaulted<string>
  timeFormat: Defaulted<string>
  allowSelfRegister: Flag
  idleTimeoutMinutes: Defaulted<number>
}

export interface ClientTable {
  id: Generated<number>
  name: string
  company: string | null
  description: string | null
  contactPerson: string | null
  email: string | null
  phone: string | null
  address: string | null
  defaultHourlyRateCents: number | null
  status: Defaulted<string>
  /** JSON object. */
  customFields: Defaulted<string>
  createdBy: number | null
  createdAt: Instant
  updatedAt: Instant
}

export interface UserClientTable {
  userId: number
  clientId: number
}

export interface ProjectTable {
  id: Generated<number>
  name: string
  code: string | null
  clientId: number
  description: string | null
  billable: Flag
  hourlyRateCents: number | null
  billingRef: string | null
  status: Defaulted<string>
  estimatedHours: number | null
  budgetAmountCents: number | null
  budgetThresholdPercent: Defaulted<number>
  color: string | null
  customFields: Defaulted<string>
  createdBy: number | null
  createdAt: Instant
  updatedAt: Instant
  archivedAt: OptionalInstant
  archivedBy: number | null
  archivedReason: string | null
}

export interface ProjectMemberTable {
  projectId: number
  userId: number
}

export interface TaskTable {
  id: Generated<number>
  projectId: number
  name: string
  description: string | null
  status: Defaulted<string>
  priority: Defaulted<string>
  estimatedHours: number | null
  /** Local date `YYYY-MM-DD`. */
  dueDate: string | null
  assignedTo: number | null
  createdBy: number | null
  tags: string | null
  createdAt: Instant
  updatedAt: Instant
  startedAt: OptionalInstant
  completedAt: OptionalInstant
}

export interface TimeEntryTable {
  id: Generated<number>
  userId: number
  projectId: number | null
  clientId: number | null
  taskId: number | null
  startTime: Instant
  endTime: OptionalInstant
  durationSeconds: number | null
  breakSeconds: Defaulted<number>
  pausedAt: OptionalInstant
  notes: string | null
  tags: string | null
  source: Defaulted<string>
  billable: Flag
  paid: Flag
  invoiceNumber: string | null
  /** The owner's id while this is their single allowed running timer; unique. */
  singleTimerOwner: number | null
  createdAt: Instant
  updatedAt: Instant
}

export interface IdempotencyKeyTable {
  apiTokenId: number
  scope: string
  keyHash: string
  state: 'pending' | 'completed'
  responseStatus: number | null
  responseBody: string | null
  createdAt: Instant
}

export interface QuoteTable {
  id: Generated<number>
  quoteNumber: string
  clientId: number
  projectId: number | null
  title: string
  description: string | null
  status: Defaulted<string>
  /** Percent × 100 (exact 2 decimals). */
  taxRateHundredths: Defaulted<number>
  currencyCode: Defaulted<string>
  validUntil: string | null
  notes: string | null
  terms: string | null
  visibleToClient: Flag
  createdBy: number | null
  acceptedBy: number | null
  sentAt: OptionalInstant
  acceptedAt: OptionalInstant
  rejectedAt: OptionalInstant
  createdAt: Instant
  updatedAt: Instant
}

export interface QuoteItemTable {
  id: Generated<number>
  quoteId: number
  lineKind: Defaulted<string>
  displayName: string | null
  category: string | null
  lineDate: string | null
  sku: string | null
  description: string
  quantityThousandths: number
  unitPriceCents: number
  unit: string | null
  position: number
  createdAt: Instant
}

/**
 * Totals of a user's, project's or task's time entries, kept exact by database triggers
 * (migration 2026_12_03_0900): completed entries and their seconds; running entries per user.
 */
export interface TimeEntryStatsColumns {
  completedEntries: Defaulted<number>
  completedSeconds: Defaulted<number>
  billableSeconds: Defaulted<number>
}

export interface TimeEntryUserStatsTable extends TimeEntryStatsColumns {
  userId: number
  runningEntries: Defaulted<number>
}

export interface TimeEntryProjectStatsTable extends TimeEntryStatsColumns {
  projectId: number
}

export interface TimeEntryTaskStatsTable extends TimeEntryStatsColumns {
  taskId: number
}

/** The event outbox (migration 2026_12_05_0800); `id` is the shared event order. */
export interface EventTable {
  id: Generated<number>
  eventId: string
  eventType: string
  occurredAt: Instant
  actorId: number | null
  subjectType: string
  subjectId: number
  ownerId: number | null
  projectId: number | null
  clientId: number | null
  envelope: string
}

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

export interface Database {
  roles: RoleTable
  users: UserTable
  apiTokens: ApiTokenTable
  sessions: SessionTable
  settings: SettingsTable
  clients: ClientTable
  userClients: UserClientTable
  projects: ProjectTable
  projectMembers: ProjectMemberTable
  tasks: TaskTable
  timeEntries: TimeEntryTable
  idempotencyKeys: IdempotencyKeyTable
  quotes: QuoteTable
  quoteItems: QuoteItemTable
  timeEntryUserStats: TimeEntryUserStatsTable
  timeEntryProjectStats: TimeEntryProjectStatsTable
  timeEntryTaskStats: TimeEntryTaskStatsTable
  events: EventTable
  leads: LeadTable
  contacts: ContactTable
  deals: DealTable
  timeEntryApprovals: TimeEntryApprovalTable
  stockItems: StockItemTable
  warehouses: WarehouseTable
  warehouseStock: WarehouseStockTable
  stockMovements: StockMovementTable
  stockLots: StockLotTable
  stockLotAllocations: StockLotAllocationTable
  stockTransferReferences: StockTransferReferenceTable
  webhooks: WebhookTable
  webhookDeliveries: WebhookDeliveryTable
}
