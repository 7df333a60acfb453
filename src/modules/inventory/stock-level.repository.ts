import type { Kysely, Selectable } from 'kysely'
import type { Database, WarehouseStockTable } from '../../db/tables.js'
import { readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { WarehouseStock } from './inventory.types.js'

export function toWarehouseStock(row: Selectable<WarehouseStockTable>): WarehouseStock {
  return {
    id: row.id,
    warehouseId: row.warehouseId,
    stockItemId: row.stockItemId,
    onHandHundredths: readNumber(row.quantityOnHandHundredths),
    reservedHundredths: readNumber(row.quantityReservedHundredths),
    location: row.location,
    lastCountedAt: readOptionalInstant(row.lastCountedAt),
    lastCountedBy: row.lastCountedBy,
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

export interface StockLevelFilter {
  warehouseId?: number
  stockItemId?: number
  category?: string
}

/** Reads of warehouse-stock rows (stock levels and availability, api-extended.md §2.5). */
export class StockLevelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every matching row, by warehouse code, then item name. */
  async levels(filter: StockLevelFilter): Promise<WarehouseStock[]> {
    const rows = await this.db
      .selectFrom('warehouseStock as ws')
      .innerJoin('warehouses as w', 'w.id', 'ws.warehouseId')
      .innerJoin('stockItems as i', 'i.id', 'ws.stockItemId')
      .selectAll('ws')
      .$if(filter.warehouseId !== undefined, (q) =>
        q.where('ws.warehouseId', '=', filter.warehouseId as number),
      )
      .$if(filter.stockItemId !== undefined, (q) =>
        q.where('ws.stockItemId', '=', filter.stockItemId as number),
      )
      .$if(filter.category !== undefined, (q) => q.where('i.category', '=', filter.category as string))
      .orderBy('w.code')
      .orderBy('i.name')
      .orderBy('ws.id')
      .execute()
    return rows.map(toWarehouseStock)
  }

  /** The item's rows (optionally in one warehouse), by warehouse code. */
  async itemAvailability(
    stockItemId: number,
    warehouseId: number | undefined,
  ): Promise<(WarehouseStock & { warehouseCode: string; warehouseName: string })[]> {
    const rows = await this.db
      .selectFrom('warehouseStock as ws')
      .innerJoin('warehouses as w', 'w.id', 'ws.warehouseId')
      .selectAll('ws')
      .select(['w.code as warehouseCode', 'w.name as warehouseName'])
      .where('ws.stockItemId', '=', stockItemId)
      .$if(warehouseId !== undefined, (q) => q.where('ws.warehouseId', '=', warehouseId as number))
      .orderBy('w.code')
      .orderBy('ws.id')
      .execute()
    return rows.map((row) => ({
      ...toWarehouseStock(row),
      warehouseCode: row.warehouseCode,
      warehouseName: row.warehouseName,
    }))
  }
}
