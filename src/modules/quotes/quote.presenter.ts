import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { readOptionalInteger } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { itemTotalCents, quoteTotals, toDecimalNumber } from './quote-money.rules.js'
import { isExpired } from './quote.rules.js'
import type {
  CreateQuoteBody,
  QuoteItemBody,
  QuoteItemJson,
  QuoteJson,
  QuoteListJson,
  QuoteListQuery,
  UpdateQuoteBody,
} from './quote.schemas.js'
import type {
  CreateQuoteInput,
  Quote,
  QuoteFilter,
  QuoteItem,
  QuoteItemInput,
  UpdateQuoteInput,
} from './quote.types.js'

/** How this request wants quotes written: its datetime format and the app's local date today. */
export interface QuotePresentation {
  write: DatetimeWriter
  today: string
}

const cents = (value: bigint | number) => toDecimalNumber(value, 2)

function fromQuoteItemBody(body: Static<typeof QuoteItemBody>): QuoteItemInput {
  return {
    description: body.description,
    quantity: body.quantity,
    unitPrice: body.unit_price,
    unit: body.unit,
    lineKind: body.line_kind,
    displayName: body.display_name,
    category: body.category,
    lineDate: body.line_date,
    sku: body.sku,
  }
}

export function fromCreateQuoteBody(body: Static<typeof CreateQuoteBody>): CreateQuoteInput {
  return {
    clientId: readOptionalInteger(body.client_id),
    title: body.title,
    description: body.description,
    taxRate: body.tax_rate,
    currencyCode: body.currency_code,
    validUntil: body.valid_until,
    items: body.items?.map(fromQuoteItemBody),
  }
}

/** Only the keys present in the body (partial PUT/PATCH, api-core.md §1.1). */
export function fromUpdateQuoteBody(body: Static<typeof UpdateQuoteBody>): UpdateQuoteInput {
  return {
    title: body.title,
    description: body.description,
    taxRate: body.tax_rate,
    currencyCode: body.currency_code,
    status: body.status,
    validUntil: body.valid_until,
    items: body.items?.map(fromQuoteItemBody),
  }
}

/** `status` (exact; empty or `all` = any) and `client_id` (ignored unless an integer). */
export function fromQuoteListQuery(query: Static<typeof QuoteListQuery>): QuoteFilter {
  const status = query.status?.trim()
  const clientId =
    query.client_id !== undefined && /^\s*\d+\s*$/.test(query.client_id) ? Number(query.client_id) : undefined
  return {
    ...(status && status !== 'all' ? { status } : {}),
    ...(clientId !== undefined && Number.isSafeInteger(clientId) ? { clientId } : {}),
  }
}

function toQuoteItemJson(item: QuoteItem, write: DatetimeWriter): Static<typeof QuoteItemJson> {
  return {
    id: item.id,
    quote_id: item.quoteId,
    line_kind: item.lineKind,
    display_name: item.displayName,
    category: item.category,
    line_date: item.lineDate,
    sku: item.sku,
    description: item.description,
    quantity: toDecimalNumber(item.quantityThousandths, 3),
    unit_price: cents(item.unitPriceCents),
    total_amount: cents(itemTotalCents(item.quantityThousandths, item.unitPriceCents)),
    unit: item.unit,
    stock_item_id: null,
    warehouse_id: null,
    is_stock_item: false,
    position: item.position,
    created_at: write(item.createdAt),
  }
}

/** The totals are recomputed from the lines on every serialization (§15.1). */
function toAmountsJson(quote: Quote) {
  const totals = quoteTotals(quote.items, quote.taxRateHundredths)
  return {
    subtotal: cents(totals.subtotalCents),
    discount_type: null,
    discount_amount: 0,
    discount_value: cents(totals.discountCents),
    discount_reason: null,
    coupon_code: null,
    subtotal_after_discount: cents(totals.subtotalAfterDiscountCents),
    tax_rate: toDecimalNumber(quote.taxRateHundredths, 2),
    tax_amount: cents(totals.taxCents),
    total_amount: cents(totals.totalCents),
  }
}

function toStatusFlagsJson(quote: Quote, today: string) {
  const expired = isExpired(quote.validUntil, today)
  return {
    is_draft: quote.status === 'draft',
    is_sent: quote.status === 'sent',
    is_accepted: quote.status === 'accepted',
    is_rejected: quote.status === 'rejected',
    is_expired: expired,
    can_be_accepted: quote.status === 'sent' && !expired,
    has_project: quote.projectId !== null,
  }
}

export function toQuoteJson(quote: Quote, view: QuotePresentation): Static<typeof QuoteJson> {
  const { write } = view
  return {
    id: quote.id,
    quote_number: quote.quoteNumber,
    client_id: quote.clientId,
    title: quote.title,
    description: quote.description,
    status: quote.status,
    ...toAmountsJson(quote),
    currency_code: quote.currencyCode,
    valid_until: quote.validUntil,
    sent_at: optionalDatetime(write, quote.sentAt),
    accepted_at: optionalDatetime(write, quote.acceptedAt),
    rejected_at: optionalDatetime(write, quote.rejectedAt),
    project_id: quote.projectId,
    created_by: quote.createdBy,
    accepted_by: quote.acceptedBy,
    created_at: write(quote.createdAt),
    updated_at: write(quote.updatedAt),
    notes: quote.notes,
    terms: quote.terms,
    visible_to_client: quote.visibleToClient,
    template_id: null,
    ...toStatusFlagsJson(quote, view.today),
    items: quote.items.map((item) => toQuoteItemJson(item, write)),
  }
}

export function toQuoteListJson(
  result: { quotes: Quote[]; total: number },
  page: PageRequest,
  view: QuotePresentation,
): Static<typeof QuoteListJson> {
  return {
    quotes: result.quotes.map((quote) => toQuoteJson(quote, view)),
    pagination: toPaginationJson(page, result.total),
  }
}
