import type { StockLevel, StockItem, WarehouseStock } from './inventory.types.js'
import { isStorableId } from './inventory-values.rules.js'
import type { StockItemRepository } from './stock-item.repository.js'
import type { StockItemService } from './stock-item.service.js'
import type { StockLevelFilter, StockLevelRepository } from './stock-level.repository.js'
import type { WarehouseRepository } from './warehouse.repository.js'

export type WarehouseAvailability = WarehouseStock & { warehouseCode: string; warehouseName: string }

/** An id filter no row can match (beyond the id column's range). */
const unmatchable = (id: number | undefined) => id !== undefined && !isStorableId(id)

/** Stock levels and availability (api-extended.md §2.5). */
export class StockLevelService {
  constructor(
    private readonly levels: StockLevelRepository,
    private readonly items: StockItemService,
    private readonly itemRows: StockItemRepository,
    private readonly warehouses: WarehouseRepository,
  ) {}

  /** Every warehouse-stock row with its warehouse and item, by warehouse code then item name. */
  async list(filter: StockLevelFilter): Promise<StockLevel[]> {
    if (unmatchable(filter.warehouseId) || unmatchable(filter.stockItemId)) return []
    const rows = await this.levels.levels(filter)
    const items = new Map(
      (await this.itemRows.findByIds([...new Set(rows.map((row) => row.stockItemId))])).map((i) => [i.id, i]),
    )
    const warehouses = new Map(
      (await this.warehouses.findByIds([...new Set(rows.map((row) => row.warehouseId))])).map((w) => [
        w.id,
        w,
      ]),
    )
    return rows.flatMap((stock) => {
      const item = items.get(stock.stockItemId)
      const warehouse = warehouses.get(stock.warehouseId)
      return item && warehouse ? [{ stock, item, warehouse }] : []
    })
  }

  /** The item's rows per warehouse; not_found for an unknown item. */
  async availability(
    stockItemId: number,
    warehouseId: number | undefined,
  ): Promise<{ item: StockItem; rows: WarehouseAvailability[] }> {
    const item = await this.items.get(stockItemId)
    if (unmatchable(warehouseId)) return { item, rows: [] }
    return { item, rows: await this.levels.itemAvailability(stockItemId, warehouseId) }
  }
}
