import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely'
import type { Database, StockMovementTable } from '../../db/tables.js'
import { readInstant, readNumber } from '../../db/values.js'
import type {
  LotAllocation,
  LotType,
  NewStockMovement,
  StockLot,
  StockMovement,
  WarehouseStock,
} from './inventory.types.js'
import { toWarehouseStock } from './stock-level.repository.js'

export function toStockMovement(row: Selectable<StockMovementTable>): StockMovement {
  return {
    ...row,
    quantityHundredths: readNumber(row.quantityHundredths),
    referenceId: row.referenceId === null ? null : readNumber(row.referenceId),
    unitCostCents: row.unitCostCents === null ? null : readNumber(row.unitCostCents),
    movedAt: readInstant(row.movedAt),
  }
}

export interface NewStockLot {
  stockItemId: number
  warehouseId: number
  lotType: LotType
  unitCostCents: number
  quantityHundredths: number
  createdAt: Date
  createdBy: number
  sourceMovementId: number
}

/**
 * The writes of one movement or transfer, all inside one transaction. Each warehouse-stock
 * row is locked before its stock or lots are read, so concurrent movements of the same item
 * and warehouse run one after the other (PostgreSQL: row lock; SQLite: one writer at a time).
 */
export class StockLedger {
  constructor(
    private readonly trx: Kysely<Database>,
    private readonly isPostgres: boolean,
  ) {}

  /** The locked row of the pair; created with on-hand 0 when `create` and missing. */
  async lockStock(
    stockItemId: number,
    warehouseId: number,
    now: Date,
    create: boolean,
  ): Promise<WarehouseStock | undefined> {
    if (create) {
      await this.trx
        .insertInto('warehouseStock')
        .values({ stockItemId, warehouseId, location: null, createdAt: now, updatedAt: now })
        .onConflict((oc) => oc.columns(['warehouseId', 'stockItemId']).doNothing())
        .execute()
    }
    const row = await this.trx
      .selectFrom('warehouseStock')
      .selectAll()
      .where('stockItemId', '=', stockItemId)
      .where('warehouseId', '=', warehouseId)
      .$if(this.isPostgres, (q) => q.forUpdate())
      .executeTakeFirst()
    return row && toWarehouseStock(row)
  }

  /** Adds `delta` to on-hand in one statement, clamped at 0 (on-hand is never negative). */
  async adjustOnHand(stockId: number, deltaHundredths: number, now: Date): Promise<WarehouseStock> {
    const row = await this.trx
      .updateTable('warehouseStock')
      .set({
        quantityOnHandHundredths: sql<number>`case when quantity_on_hand_hundredths + ${deltaHundredths} < 0 then 0 else quantity_on_hand_hundredths + ${deltaHundredths} end`,
        updatedAt: now,
      })
      .where('id', '=', stockId)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toWarehouseStock(row)
  }

  async insertMovement(movement: NewStockMovement): Promise<StockMovement> {
    const row = await this.trx
      .insertInto('stockMovements')
      .values(movement)
      .returningAll()
      .executeTakeFirstOrThrow()
    return toStockMovement(row)
  }

  /** The item's lots in the warehouse, oldest first. */
  async lots(stockItemId: number, warehouseId: number): Promise<StockLot[]> {
    const rows = await this.trx
      .selectFrom('stockLots')
      .select(['id', 'lotType', 'unitCostCents', 'quantityOnHandHundredths', 'createdAt'])
      .where('stockItemId', '=', stockItemId)
      .where('warehouseId', '=', warehouseId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
    return rows.map((row) => ({
      id: row.id,
      lotType: row.lotType as LotType,
      unitCostCents: readNumber(row.unitCostCents),
      quantityHundredths: readNumber(row.quantityOnHandHundredths),
      createdAt: readInstant(row.createdAt),
    }))
  }

  /** Creates a lot and records the movement's allocation of its whole quantity. */
  async insertLot(lot: NewStockLot): Promise<number> {
    const { quantityHundredths, ...rest } = lot
    const row = await this.trx
      .insertInto('stockLots')
      .values({ ...rest, quantityOnHandHundredths: quantityHundredths, notes: null })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** Moves `delta` into (+) or out of (−) a lot and records it as the movement's allocation. */
  async allocate(
    movementId: number,
    lotId: number,
    deltaHundredths: number,
    unitCostCents: number,
    now: Date,
  ): Promise<void> {
    await this.trx
      .insertInto('stockLotAllocations')
      .values({
        stockMovementId: movementId,
        stockLotId: lotId,
        quantityHundredths: deltaHundredths,
        unitCostCents,
        createdAt: now,
      })
      .execute()
  }

  /** Changes a lot's quantity in one statement. */
  async changeLot(lotId: number, deltaHundredths: number): Promise<void> {
    await this.trx
      .updateTable('stockLots')
      .set({ quantityOnHandHundredths: sql<number>`quantity_on_hand_hundredths + ${deltaHundredths}` })
      .where('id', '=', lotId)
      .execute()
  }

  /** A movement's allocations in order, with their lots' type and age. */
  async allocationsOf(movementId: number): Promise<LotAllocation[]> {
    const rows = await this.trx
      .selectFrom('stockLotAllocations as a')
      .innerJoin('stockLots as l', 'l.id', 'a.stockLotId')
      .select(['a.stockLotId', 'a.quantityHundredths', 'a.unitCostCents', 'l.lotType', 'l.createdAt'])
      .where('a.stockMovementId', '=', movementId)
      .orderBy('a.id')
      .execute()
    return rows.map((row) => ({
      lotId: row.stockLotId,
      quantityHundredths: readNumber(row.quantityHundredths),
      unitCostCents: readNumber(row.unitCostCents),
      lotType: row.lotType as LotType,
      lotCreatedAt: readInstant(row.createdAt),
    }))
  }

  /** The latest outbound transfer movement of the reference and item in another warehouse. */
  async pairedOutbound(
    referenceId: number,
    stockItemId: number,
    warehouseId: number,
  ): Promise<number | undefined> {
    const row = await this.trx
      .selectFrom('stockMovements')
      .select('id')
      .where('movementType', '=', 'transfer')
      .where('referenceType', '=', 'transfer')
      .where('referenceId', '=', referenceId)
      .where('stockItemId', '=', stockItemId)
      .where('warehouseId', '!=', warehouseId)
      .where('quantityHundredths', '<', 0)
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return row?.id
  }

  /**
   * Claims a transfer reference id; false when another transfer holds it or a movement
   * already names it. A concurrent claim of the same id waits for the other to commit.
   */
  async claimTransferReference(referenceId: number, now: Date): Promise<boolean> {
    const used = await this.trx
      .selectFrom('stockMovements')
      .select('id')
      .where('referenceType', '=', 'transfer')
      .where('referenceId', '=', referenceId)
      .executeTakeFirst()
    if (used) return false
    const claimed = await this.trx
      .insertInto('stockTransferReferences')
      .values({ referenceId, createdAt: now })
      .onConflict((oc) => oc.column('referenceId').doNothing())
      .returning('referenceId')
      .executeTakeFirst()
    return claimed !== undefined
  }
}

/** Opens the ledger's transactions. */
export class StockLedgerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in one transaction: all of a movement's writes or none. */
  async transaction<T>(work: (ledger: StockLedger) => Promise<T>): Promise<T> {
    const isPostgres = this.db.getExecutor().adapter instanceof PostgresAdapter
    return this.db.transaction().execute((trx) => work(new StockLedger(trx, isPostgres)))
  }
}
