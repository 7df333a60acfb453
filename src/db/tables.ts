import type { ColumnType, Generated } from 'kysely'
import type {
  LeadTable,
  ContactTable,
  DealTable,
  TimeEntryApprovalTable,
  StockItemTable,
  WarehouseTable,
  WarehouseStockTable,
  StockMovementTable,
  StockLotTable,
  StockLotAllocationTable,
  StockTransferReferenceTable,
  WebhookTable,
  WebhookDeliveryTable,
} from './extended-tables.js'
export type {
  LeadTable,
  ContactTable,
  DealTable,
  TimeEntryApprovalTable,
  StockItemTable,
  WarehouseTable,
  WarehouseStockTable,
  StockMovementTable,
  StockLotTable,
  StockLotAllocationTable,
  StockTransferReferenceTable,
  WebhookTable,
  WebhookDeliveryTable,
} from './extended-tables.js'

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
