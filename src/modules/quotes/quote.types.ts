/** The five statuses of api-core.md §15.1; `draft` is the initial one. */
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'expired'] as const
export type QuoteStatus = (typeof QUOTE_STATUSES)[number]

export const LINE_KINDS = ['item', 'expense', 'good'] as const
export type LineKind = (typeof LINE_KINDS)[number]

/** A quote line; money in exact integers: quantity in thousandths, unit price in cents. */
export interface QuoteItem {
  id: number
  quoteId: number
  lineKind: LineKind
  displayName: string | null
  category: string | null
  /** Local date `YYYY-MM-DD` (expense lines only). */
  lineDate: string | null
  sku: string | null
  description: string
  quantityThousandths: number
  unitPriceCents: number
  unit: string | null
  position: number
  createdAt: Date
}

/** A quote with its items ordered by position, then id. */
export interface Quote {
  id: number
  quoteNumber: string
  clientId: number
  projectId: number | null
  title: string
  description: string | null
  status: QuoteStatus
  /** Percent × 100. */
  taxRateHundredths: number
  currencyCode: string
  /** Local date `YYYY-MM-DD`. */
  validUntil: string | null
  notes: string | null
  terms: string | null
  visibleToClient: boolean
  createdBy: number | null
  acceptedBy: number | null
  sentAt: Date | null
  acceptedAt: Date | null
  rejectedAt: Date | null
  createdAt: Date
  updatedAt: Date
  items: QuoteItem[]
}

/** A line as stored, before it has an id. */
export type NewQuoteItem = Omit<QuoteItem, 'id' | 'quoteId' | 'createdAt'>

/** The columns a create writes. */
export interface NewQuote {
  quoteNumber: string
  clientId: number
  title: string
  description: string | null
  taxRateHundredths: number
  currencyCode: string
  validUntil: string | null
  createdBy: number
}

/** The columns an update may change; absent keys stay as they are. */
export interface QuoteChanges {
  title?: string
  description?: string | null
  status?: QuoteStatus
  taxRateHundredths?: number
  currencyCode?: string
  validUntil?: string
}

/** A line as the client sent it (api-core.md §15.3); numbers are checked by the rules. */
export interface QuoteItemInput {
  description?: string | null
  quantity?: unknown
  unitPrice?: unknown
  unit?: string | null
  lineKind?: unknown
  displayName?: string | null
  category?: string | null
  lineDate?: unknown
  sku?: string | null
}

export interface CreateQuoteInput {
  clientId: number | null | undefined
  title: string | null | undefined
  description?: string | null
  taxRate?: unknown
  currencyCode?: string
  validUntil?: unknown
  items?: QuoteItemInput[]
}

export interface UpdateQuoteInput {
  title?: string
  description?: string | null
  taxRate?: unknown
  currencyCode?: string
  status?: QuoteStatus
  validUntil?: unknown
  items?: QuoteItemInput[]
}

export interface QuoteFilter {
  status?: string
  clientId?: number
}

export interface QuotePage {
  page: number
  perPage: number
}
