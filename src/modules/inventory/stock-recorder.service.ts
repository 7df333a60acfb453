import { AppError } from '../../errors.js'
import type {
  LotType,
  NewStockMovement,
  StockItem,
  StockLot,
  StockMovement,
  WarehouseStock,
} from './inventory.types.js'
import type { StockLedger } from './stock-ledger.repository.js'
import {
  adjustmentLot,
  legacyLotQuantity,
  takeFromPositiveLots,
  transferInboundLots,
  type LotTake,
} from './stock-lots.rules.js'

export interface RecordOptions {
  /** The inbound lot's type: `devalued` for a return with devaluation. */
  lotType?: LotType
  /** A lot consumed before any other (waste after devaluation). */
  preferredLotId?: number
}

export interface RecordedMovement {
  movement: StockMovement
  stock: WarehouseStock
}

const LOTS_SHORT = 'Insufficient stock lots to cover this movement (lots/FIFO)'

export function recordingFailed(detail: string): AppError {
  return new AppError('invalid', 'bad_request', `Failed to record movement: ${detail}`)
}

/**
 * Records movements on a locked warehouse-stock row: the movement, the clamped on-hand and
 * the valuation lots of api-extended.md §2.6.3. Used by movements and transfers alike.
 */
export class StockRecorder {
  /** Records one movement; throws `Failed to record movement: …` when the lots fall short. */
  async record(
    ledger: StockLedger,
    item: StockItem,
    stock: WarehouseStock,
    movement: NewStockMovement,
    options: RecordOptions = {},
  ): Promise<RecordedMovement> {
    const saved = await ledger.insertMovement(movement)
    const updated = await ledger.adjustOnHand(stock.id, movement.quantityHundredths, movement.movedAt)
    if (item.isTrackable) await this.applyLots(ledger, item, saved, updated, options)
    return { movement: saved, stock: updated }
  }

  /**
   * Revalues `quantity` of the on-hand stock at `newCostCents`: consumes it FIFO from the
   * positive lots and books it into a new devalued lot, whose id is returned; undefined
   * when the lots hold less (the caller fails the request).
   */
  async devalue(
    ledger: StockLedger,
    item: StockItem,
    stock: WarehouseStock,
    movement: StockMovement,
    quantityHundredths: number,
    newCostCents: number,
  ): Promise<number | undefined> {
    const lots = await this.lotsWithLegacy(ledger, item, movement, stock.onHandHundredths)
    const takes = takeFromPositiveLots(lots, quantityHundredths)
    if (!takes) return undefined
    await this.take(ledger, movement, takes)
    return this.newLot(ledger, item, movement, {
      quantityHundredths,
      unitCostCents: newCostCents,
      lotType: 'devalued',
    })
  }

  private async applyLots(
    ledger: StockLedger,
    item: StockItem,
    movement: StockMovement,
    stock: WarehouseStock,
    options: RecordOptions,
  ): Promise<void> {
    const quantity = movement.quantityHundredths
    if (quantity > 0) return this.fill(ledger, item, movement, options.lotType ?? 'normal')
    if (quantity === 0 || movement.movementType === 'rent') return
    // The pre-movement on-hand as the original computes it: the clamped result plus |quantity|.
    const lots = await this.lotsWithLegacy(ledger, item, movement, stock.onHandHundredths - quantity)
    if (movement.movementType === 'adjustment') return this.adjustLots(ledger, item, movement, lots)
    const takes = takeFromPositiveLots(lots, -quantity, options.preferredLotId)
    if (!takes) throw recordingFailed(LOTS_SHORT)
    await this.take(ledger, movement, takes)
  }

  /** An adjustment takes it all from the first non-zero lot, else from a new empty lot, even below 0. */
  private async adjustLots(ledger: StockLedger, item: StockItem, movement: StockMovement, lots: StockLot[]) {
    const existing = adjustmentLot(lots)
    const lotId =
      existing?.id ?? (await this.newLot(ledger, item, movement, { quantityHundredths: 0, allocate: false }))
    const unitCostCents = existing?.unitCostCents ?? item.defaultCostCents ?? 0
    const take = { lotId, quantityHundredths: -movement.quantityHundredths, unitCostCents }
    await this.take(ledger, movement, [take])
  }

  /** Inbound: one new lot, or for a transfer's inbound half, copies of the outbound half's lots. */
  private async fill(
    ledger: StockLedger,
    item: StockItem,
    movement: StockMovement,
    lotType: LotType,
  ): Promise<void> {
    const unitCostCents = movement.unitCostCents ?? item.defaultCostCents ?? 0
    const outbound =
      movement.movementType === 'transfer' &&
      movement.referenceType === 'transfer' &&
      movement.referenceId !== null
        ? await ledger.pairedOutbound(movement.referenceId, movement.stockItemId, movement.warehouseId)
        : undefined
    if (outbound === undefined) {
      await this.newLot(ledger, item, movement, {
        quantityHundredths: movement.quantityHundredths,
        unitCostCents,
        lotType,
      })
      return
    }
    const allocations = await ledger.allocationsOf(outbound)
    for (const lot of transferInboundLots(allocations, movement.quantityHundredths, unitCostCents))
      await this.newLot(ledger, item, movement, lot)
  }

  /** The lots, after seeding a legacy lot of `onHandBefore` when the warehouse has none yet. */
  private async lotsWithLegacy(
    ledger: StockLedger,
    item: StockItem,
    movement: StockMovement,
    onHandBefore: number,
  ) {
    const lots = await ledger.lots(item.id, movement.warehouseId)
    const legacy = legacyLotQuantity(lots.length > 0, onHandBefore)
    if (legacy === undefined) return lots
    await this.newLot(ledger, item, movement, { quantityHundredths: legacy, allocate: false })
    return ledger.lots(item.id, movement.warehouseId)
  }

  private async take(ledger: StockLedger, movement: StockMovement, takes: LotTake[]): Promise<void> {
    for (const take of takes) {
      await ledger.changeLot(take.lotId, -take.quantityHundredths)
      await ledger.allocate(
        movement.id,
        take.lotId,
        -take.quantityHundredths,
        take.unitCostCents,
        movement.movedAt,
      )
    }
  }

  /** A new lot of the movement's item and warehouse, by default at the item's cost and allocated to the movement. */
  private async newLot(
    ledger: StockLedger,
    item: StockItem,
    movement: StockMovement,
    lot: {
      quantityHundredths: number
      unitCostCents?: number
      lotType?: LotType
      createdAt?: Date
      allocate?: boolean
    },
  ): Promise<number> {
    const unitCostCents = lot.unitCostCents ?? item.defaultCostCents ?? 0
    const id = await ledger.insertLot({
      stockItemId: item.id,
      warehouseId: movement.warehouseId,
      lotType: lot.lotType ?? 'normal',
      unitCostCents,
      quantityHundredths: lot.quantityHundredths,
      createdAt: lot.createdAt ?? movement.movedAt,
      createdBy: movement.movedBy,
      sourceMovementId: movement.id,
    })
    if (lot.allocate !== false)
      await ledger.allocate(movement.id, id, lot.quantityHundredths, unitCostCents, movement.movedAt)
    return id
  }
}
