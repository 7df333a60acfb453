import type { TurnoverRow, ValuationRow } from './inventory-report.types.js'

// The arithmetic of the inventory reports (api-extended.md §2.8) on rows already grouped in SQL.

export interface ValuationBucket {
  key: string
  valueTenThousandths: number
  /** The currency of the first item that created the bucket. */
  currencyCode: string
  row: ValuationRow
}

/** Sums `rows` into buckets keyed by `keyOf`, in first-seen order; values stay exact. */
export function valuationBuckets(
  rows: ValuationRow[],
  keyOf: (row: ValuationRow) => string,
): ValuationBucket[] {
  const buckets = new Map<string, ValuationBucket>()
  for (const row of rows) {
    const key = keyOf(row)
    const bucket = buckets.get(key)
    if (bucket) bucket.valueTenThousandths += row.valueTenThousandths
    else
      buckets.set(key, {
        key,
        valueTenThousandths: row.valueTenThousandths,
        currencyCode: row.currencyCode,
        row,
      })
  }
  return [...buckets.values()]
}

export const warehouseKey = (row: ValuationRow) => `${row.warehouseName} (${row.warehouseCode})`
export const categoryKey = (row: ValuationRow) => row.category ?? 'Uncategorized'

/** The exact total of every row's value. */
export function totalValue(rows: ValuationRow[]): number {
  return rows.reduce((sum, row) => sum + row.valueTenThousandths, 0)
}

/** A detail's cost: the default cost (fallback mode) or value ÷ quantity, the lots' weighted average. */
export function detailCost(row: ValuationRow): number {
  if (row.costCents !== undefined) return row.costCents / 100
  return row.quantityHundredths === 0 ? 0 : row.valueTenThousandths / (row.quantityHundredths * 100)
}

/** `reference_type#reference_id` of the non-empty parts; null when both are empty (§2.8.2). */
export function movementReference(referenceType: string | null, referenceId: number | null): string | null {
  const parts = [referenceType ? referenceType : undefined, referenceId ? String(referenceId) : undefined]
  const present = parts.filter((part): part is string => part !== undefined)
  return present.length > 0 ? present.join('#') : null
}

export interface TurnoverFigures {
  quantitySold: number
  avgStock: number
  turnoverRate: number
  daysOnHand: number
}

const DAY_MS = 86_400_000

/** Whole days between two instants, floored like a Python timedelta's `days`. */
export function wholeDays(start: Date, end: Date): number {
  return Math.floor((end.getTime() - start.getTime()) / DAY_MS)
}

/**
 * Step 5 of §2.8.3 as doubles: stock at the start and at the end are both the current
 * on-hand of the item's first stock row, so the average is that on-hand.
 */
export function turnoverFigures(row: TurnoverRow, days: number): TurnoverFigures {
  const quantitySold = row.soldHundredths / 100
  const stock = row.stockHundredths / 100
  const avgStock = (stock + stock) / 2
  if (avgStock <= 0) return { quantitySold, avgStock, turnoverRate: 0, daysOnHand: 0 }
  const turnoverRate = days > 0 ? quantitySold / avgStock : 0
  return { quantitySold, avgStock, turnoverRate, daysOnHand: turnoverRate > 0 ? days / turnoverRate : 0 }
}
