import type { Clock } from '../../platform/clock.js'
import { isStorableId } from './inventory-values.rules.js'
import type { InventoryReportRepository } from './inventory-report.repository.js'
import type {
  LowStockRow,
  MovementHistory,
  MovementHistoryFilter,
  TurnoverRow,
  ValuationFilter,
  ValuationRow,
} from './inventory-report.types.js'
import type { InstantRange, PageRequest } from './inventory.types.js'

/** The default turnover window: the 365 days before now (§2.8.3). */
const TURNOVER_DEFAULT_MS = 365 * 86_400_000

/** An id filter beyond the id column's range matches nothing. */
const unmatchable = (id: number | undefined) => id !== undefined && !isStorableId(id)

export interface Turnover {
  start: Date
  end: Date
  rows: TurnoverRow[]
}

/** The inventory reports (api-extended.md §2.8); each is computed by the database. */
export class InventoryReportService {
  constructor(
    private readonly reports: InventoryReportRepository,
    private readonly clock: Clock,
  ) {}

  /** Lot mode when any lot exists anywhere, else the stock rows at default cost (§2.8.1). */
  async valuation(filter: ValuationFilter): Promise<ValuationRow[]> {
    if (unmatchable(filter.warehouseId)) return []
    return (await this.reports.hasLots())
      ? this.reports.lotValuation(filter)
      : this.reports.stockValuation(filter)
  }

  /** Matching movements, newest first, paginated only when asked (§2.8.2). */
  async movementHistory(
    filter: MovementHistoryFilter,
    page: PageRequest | undefined,
  ): Promise<MovementHistory> {
    if (unmatchable(filter.stockItemId) || unmatchable(filter.warehouseId))
      return { rows: [], total: 0, page }
    return { ...(await this.reports.movementHistory(filter, page)), page }
  }

  /** Sales turnover per item between the bounds (default: the last 365 days). */
  async turnover(range: InstantRange, itemId: number | undefined): Promise<Turnover> {
    const now = this.clock.now()
    const end = range.to ?? now
    const start = range.from ?? new Date(now.getTime() - TURNOVER_DEFAULT_MS)
    const rows = unmatchable(itemId) ? [] : await this.reports.turnover({ from: start, to: end }, itemId)
    return { start, end, rows }
  }

  /** Stock rows below the reorder point (§2.8.4). */
  async lowStock(warehouseId: number | undefined): Promise<LowStockRow[]> {
    return unmatchable(warehouseId) ? [] : this.reports.lowStock(warehouseId)
  }
}
