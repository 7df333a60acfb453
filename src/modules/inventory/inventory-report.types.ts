import type { InstantRange, PageRequest } from './inventory.types.js'

// Rows of the inventory reports (api-extended.md §2.8), aggregated in SQL.

export interface ValuationFilter {
  warehouseId?: number
  category?: string
  currencyCode?: string
}

/** One element of `item_details`: a (item, warehouse) group of lots, or one stock row. */
export interface ValuationRow {
  itemId: number
  sku: string
  name: string
  category: string | null
  currencyCode: string
  warehouseId: number
  warehouseName: string
  warehouseCode: string
  quantityHundredths: number
  /** Exact value in ten-thousandths (hundredths × cents). */
  valueTenThousandths: number
  /** Fallback mode: the item's default cost; lot mode: undefined (the weighted average is computed). */
  costCents?: number
}

export interface MovementHistoryFilter extends InstantRange {
  stockItemId?: number
  warehouseId?: number
  movementType?: string
}

export interface MovementHistoryRow {
  id: number
  movedAt: Date
  itemId: number
  itemSku: string
  itemName: string
  warehouseId: number
  warehouseName: string
  quantityHundredths: number
  movementType: string
  referenceType: string | null
  referenceId: number | null
  notes: string | null
}

export interface MovementHistory {
  rows: MovementHistoryRow[]
  total: number
  /** Present when the request paginated. */
  page?: PageRequest
}

export interface TurnoverRow {
  itemId: number
  sku: string
  name: string
  soldHundredths: number
  /** On-hand of the item's warehouse-stock row with the lowest id (0 without one). */
  stockHundredths: number
}

export interface LowStockRow {
  itemId: number
  itemSku: string
  itemName: string
  warehouseId: number
  warehouseCode: string
  warehouseName: string
  onHandHundredths: number
  reorderPointHundredths: number
  reorderQuantityHundredths: number | null
}
