// Inventory of api-extended.md §2. Quantities are exact integers in hundredths and money in
// cents (the contract's NUMERIC(10,2) columns); presenters turn them into JSON numbers.

/** The eight movement types Stint accepts (api-extended.md §9 item 8). */
export const MOVEMENT_TYPES = [
  'adjustment',
  'purchase',
  'sale',
  'rent',
  'return',
  'waste',
  'transfer',
  'devaluation',
] as const
export type MovementType = (typeof MOVEMENT_TYPES)[number]

export type LotType = 'normal' | 'devalued'

/** Sums over an item's warehouse-stock rows. */
export interface StockTotals {
  onHandHundredths: number
  reservedHundredths: number
  /** The smallest on-hand of one row; null when the item has no row. */
  lowestOnHandHundredths: number | null
}

export interface StockItem {
  id: number
  sku: string
  name: string
  description: string | null
  category: string | null
  unit: string
  defaultCostCents: number | null
  defaultPriceCents: number | null
  currencyCode: string
  barcode: string | null
  isActive: boolean
  isTrackable: boolean
  reorderPointHundredths: number | null
  reorderQuantityHundredths: number | null
  supplier: string | null
  supplierSku: string | null
  imageUrl: string | null
  notes: string | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
  totals: StockTotals
}

/** The columns a create or update writes; absent keys stay as they are. */
export interface StockItemChanges {
  sku?: string
  name?: string
  description?: string | null
  category?: string | null
  unit?: string
  defaultCostCents?: number | null
  defaultPriceCents?: number | null
  currencyCode?: string
  barcode?: string | null
  isActive?: boolean
  isTrackable?: boolean
  reorderPointHundredths?: number | null
  reorderQuantityHundredths?: number | null
  supplier?: string | null
  supplierSku?: string | null
  imageUrl?: string | null
  notes?: string | null
}

export type NewStockItem = StockItemChanges & { sku: string; name: string }

/** A stock item body as sent; amounts are checked by the rules. */
export interface StockItemFields {
  sku?: string | null
  name?: string | null
  description?: string | null
  category?: string | null
  unit?: string | null
  defaultCost?: unknown
  defaultPrice?: unknown
  currencyCode?: string | null
  barcode?: string | null
  isActive?: boolean
  isTrackable?: boolean
  reorderPoint?: unknown
  reorderQuantity?: unknown
  supplier?: string | null
  supplierSku?: string | null
  imageUrl?: string | null
  notes?: string | null
}

export interface StockItemFilter {
  search?: string
  category?: string
  activeOnly: boolean
}

export interface PageRequest {
  page: number
  perPage: number
}

export interface Warehouse {
  id: number
  name: string
  code: string
  address: string | null
  contactPerson: string | null
  contactEmail: string | null
  contactPhone: string | null
  isActive: boolean
  notes: string | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
}

export interface WarehouseFields {
  name?: string | null
  code?: string | null
  address?: string | null
  contactPerson?: string | null
  contactEmail?: string | null
  contactPhone?: string | null
  isActive?: boolean
  notes?: string | null
}

export interface WarehouseChanges {
  name?: string
  code?: string
  address?: string | null
  contactPerson?: string | null
  contactEmail?: string | null
  contactPhone?: string | null
  isActive?: boolean
  notes?: string | null
}

export type NewWarehouse = WarehouseChanges & { name: string; code: string }

/** One row per item and warehouse. */
export interface WarehouseStock {
  id: number
  warehouseId: number
  stockItemId: number
  onHandHundredths: number
  reservedHundredths: number
  location: string | null
  lastCountedAt: Date | null
  lastCountedBy: number | null
  createdAt: Date
  updatedAt: Date
}

/** A warehouse-stock row with its warehouse and item (stock levels, availability). */
export interface StockLevel {
  stock: WarehouseStock
  warehouse: Warehouse
  item: StockItem
}

export interface StockMovement {
  id: number
  movementType: string
  stockItemId: number
  warehouseId: number
  quantityHundredths: number
  referenceType: string | null
  referenceId: number | null
  unitCostCents: number | null
  reason: string | null
  notes: string | null
  movedBy: number
  movedAt: Date
}

export type NewStockMovement = Omit<StockMovement, 'id'>

/** A valuation layer (internal, api-extended.md §2.2). */
export interface StockLot {
  id: number
  lotType: LotType
  unitCostCents: number
  quantityHundredths: number
  createdAt: Date
}

/** How a movement filled or emptied one lot; the lot's type and age travel with transfers. */
export interface LotAllocation {
  lotId: number
  quantityHundredths: number
  unitCostCents: number
  lotType: LotType
  lotCreatedAt: Date
}

/** A start and end instant, both inclusive; either may be open. */
export interface InstantRange {
  from?: Date
  to?: Date
}
