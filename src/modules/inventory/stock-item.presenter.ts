import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { readBoolean } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { fromHundredths, isActiveOnly, optionalAmount } from './inventory-values.rules.js'
import type { StockItem, StockItemFields, StockItemFilter } from './inventory.types.js'
import type {
  CreateStockItemBody,
  StockItemJson,
  StockItemListJson,
  StockItemListQuery,
  UpdateStockItemBody,
} from './stock-item.schemas.js'
import { isLowStock } from './stock-item.rules.js'

const optionalBoolean = (value: boolean | number | string | undefined) =>
  value === undefined ? undefined : readBoolean(value)

export function fromStockItemBody(
  body: Static<typeof UpdateStockItemBody> & Partial<Static<typeof CreateStockItemBody>>,
): StockItemFields {
  return {
    sku: body.sku,
    name: body.name,
    description: body.description,
    category: body.category,
    unit: body.unit,
    defaultCost: body.default_cost,
    defaultPrice: body.default_price,
    currencyCode: body.currency_code,
    barcode: body.barcode,
    isActive: optionalBoolean(body.is_active),
    isTrackable: optionalBoolean(body.is_trackable),
    reorderPoint: body.reorder_point,
    reorderQuantity: body.reorder_quantity,
    supplier: body.supplier,
    supplierSku: body.supplier_sku,
    imageUrl: body.image_url,
    notes: body.notes,
  }
}

/** `active_only` is true unless given as anything but `true` (any case). */
export function fromStockItemListQuery(query: Static<typeof StockItemListQuery>): StockItemFilter {
  const search = query.search?.trim()
  return {
    ...(search ? { search } : {}),
    ...(query.category !== undefined && query.category !== '' ? { category: query.category } : {}),
    activeOnly: isActiveOnly(query.active_only),
  }
}

/** Totals are 0 for a trackable item without stock and null for a non-trackable one (§9 item 4). */
function toTotalsJson(item: StockItem) {
  if (!item.isTrackable)
    return { total_quantity_on_hand: null, total_quantity_reserved: null, total_quantity_available: null }
  const { onHandHundredths, reservedHundredths } = item.totals
  return {
    total_quantity_on_hand: fromHundredths(onHandHundredths),
    total_quantity_reserved: fromHundredths(reservedHundredths),
    total_quantity_available: fromHundredths(onHandHundredths - reservedHundredths),
  }
}

export function toStockItemJson(item: StockItem, write: DatetimeWriter): Static<typeof StockItemJson> {
  return {
    id: item.id,
    sku: item.sku,
    name: item.name,
    description: item.description,
    category: item.category,
    unit: item.unit,
    default_cost: optionalAmount(item.defaultCostCents),
    default_price: optionalAmount(item.defaultPriceCents),
    currency_code: item.currencyCode,
    barcode: item.barcode,
    is_active: item.isActive,
    is_trackable: item.isTrackable,
    reorder_point: optionalAmount(item.reorderPointHundredths),
    reorder_quantity: optionalAmount(item.reorderQuantityHundredths),
    supplier: item.supplier,
    supplier_sku: item.supplierSku,
    image_url: item.imageUrl,
    notes: item.notes,
    created_at: write(item.createdAt),
    updated_at: write(item.updatedAt),
    created_by: item.createdBy,
    ...toTotalsJson(item),
    is_low_stock: isLowStock(item),
  }
}

export function toStockItemListJson(
  result: { items: StockItem[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof StockItemListJson> {
  return {
    items: result.items.map((item) => toStockItemJson(item, write)),
    pagination: toPaginationJson(page, result.total),
  }
}
