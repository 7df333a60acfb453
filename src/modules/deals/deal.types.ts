/** A deal as stored (api-extended.md §3.1); money in exact cents. */
export interface Deal {
  id: number
  clientId: number | null
  contactId: number | null
  leadId: number | null
  name: string
  description: string | null
  stage: string
  valueCents: number | null
  currencyCode: string
  probability: number | null
  /** Local dates `YYYY-MM-DD`. */
  expectedCloseDate: string | null
  actualCloseDate: string | null
  status: string
  lossReason: string | null
  relatedQuoteId: number | null
  relatedProjectId: number | null
  notes: string | null
  createdBy: number
  ownerId: number | null
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

/** The ids a deal may point at; each must name an existing row. */
export interface DealReferences {
  clientId?: number | null
  contactId?: number | null
  leadId?: number | null
  relatedQuoteId?: number | null
  relatedProjectId?: number | null
  ownerId?: number | null
}

/** The columns a create writes. */
export type NewDeal = Omit<Deal, 'id' | 'createdAt' | 'updatedAt' | 'closedAt'>

/** The columns an update may change; absent keys stay as they are. */
export type DealChanges = Partial<Omit<NewDeal, 'createdBy'>>

/** A create body as sent (api-extended.md §3.1); lenient values are read by the rules. */
export interface CreateDealInput extends DealReferences {
  name: string
  description?: string | null
  stage?: string | null
  status?: string | null
  currencyCode?: string | null
  lossReason?: string | null
  notes?: string | null
  value?: unknown
  probability?: unknown
  expectedCloseDate?: unknown
}

/** An update body as sent: only the keys present change. */
export interface UpdateDealInput extends DealReferences {
  name?: string | null
  description?: string | null
  stage?: string | null
  status?: string | null
  currencyCode?: string | null
  lossReason?: string | null
  notes?: string | null
  value?: unknown
  probability?: unknown
  expectedCloseDate?: unknown
  actualCloseDate?: unknown
}

export interface DealFilter {
  /** undefined = any status. */
  status?: string
  stage?: string
  ownerId?: number
}

export interface DealPage {
  page: number
  perPage: number
}
