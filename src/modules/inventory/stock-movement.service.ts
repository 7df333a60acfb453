import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import type { NewStockMovement, StockItem, StockMovement, WarehouseStock } from './inventory.types.js'
import type { StockItemService } from './stock-item.service.js'
import type { StockLedger, StockLedgerRepository } from './stock-ledger.repository.js'
import {
  assertDevaluable,
  assertNotAboveBase,
  assertQuantitySign,
  badRequest,
  devaluedUnitCost,
  insufficientStock,
  type MovementInput,
} from './stock-movement.rules.js'
import type { RecordedMovement, StockRecorder } from './stock-recorder.service.js'
import type { WarehouseService } from './warehouse.service.js'

/** What a movement answers: the movement and the row, or (a devaluation) just its message. */
export type MovementResult = { message: string } & Partial<RecordedMovement>

/** The costs decided before any stock is read (api-extended.md §2.6.2). */
interface CostPlan {
  /** The devalued unit cost for devaluation, or return/waste with devaluation enabled. */
  devaluedCostCents?: number
}

const RECORDED = 'Stock movement recorded successfully'

/** `POST /inventory/movements` (api-extended.md §2.6). */
export class StockMovementService {
  constructor(
    private readonly items: StockItemService,
    private readonly warehouses: WarehouseService,
    private readonly ledger: StockLedgerRepository,
    private readonly recorder: StockRecorder,
    private readonly clock: Clock,
  ) {}

  /** Checks the movement, then records it with its stock and lot changes in one transaction. */
  async record(user: User, input: MovementInput): Promise<MovementResult> {
    const item = await this.items.get(input.stockItemId)
    await this.warehouses.get(input.warehouseId)
    const plan = this.planCosts(item, input)
    const movement: NewStockMovement = {
      movementType: input.movementType,
      stockItemId: item.id,
      warehouseId: input.warehouseId,
      quantityHundredths: input.quantityHundredths,
      referenceType: input.referenceType,
      referenceId: input.referenceId,
      unitCostCents: plan.devaluedCostCents ?? input.unitCostCents,
      reason: input.reason,
      notes: input.notes,
      movedBy: user.id,
      movedAt: this.clock.now(),
    }
    return this.ledger.transaction(async (ledger) => {
      const stock = (await ledger.lockStock(
        item.id,
        input.warehouseId,
        movement.movedAt,
        true,
      )) as WarehouseStock
      if (input.movementType === 'devaluation') return this.devaluation(ledger, item, stock, movement, input)
      if (input.movementType === 'waste' && plan.devaluedCostCents !== undefined)
        return this.devaluedWaste(ledger, item, stock, movement, input.reason)
      const devaluedReturn = input.movementType === 'return' && plan.devaluedCostCents !== undefined
      const recorded = await this.recorder.record(ledger, item, stock, movement, {
        lotType: devaluedReturn ? 'devalued' : 'normal',
      })
      const message = devaluedReturn
        ? 'Return movement recorded successfully with devaluation applied'
        : RECORDED
      return { message, ...recorded }
    })
  }

  /** Type and cost checks, in the order of §2.6.2. */
  private planCosts(item: StockItem, input: MovementInput): CostPlan {
    if (input.movementType === 'devaluation') {
      assertDevaluable(item)
      assertQuantitySign(input)
      return { devaluedCostCents: devaluedUnitCost(item, input.devaluation, 'devaluation') }
    }
    assertQuantitySign(input)
    const devaluing =
      input.devalueEnabled && (input.movementType === 'return' || input.movementType === 'waste')
    if (!devaluing) return {}
    const devaluedCostCents = devaluedUnitCost(item, input.devaluation, 'return_or_waste')
    assertNotAboveBase(item, devaluedCostCents)
    return { devaluedCostCents }
  }

  /** A revaluation in place: quantity 0, physical stock unchanged (§2.6.2). */
  private async devaluation(
    ledger: StockLedger,
    item: StockItem,
    stock: WarehouseStock,
    movement: NewStockMovement,
    input: MovementInput,
  ): Promise<MovementResult> {
    if (stock.onHandHundredths < input.quantityHundredths)
      throw insufficientStock('devalue', stock.onHandHundredths, input.quantityHundredths)
    const saved = await ledger.insertMovement({
      ...movement,
      quantityHundredths: 0,
      reason: movement.reason ?? 'Manual devaluation via API',
    })
    const lot = await this.recorder.devalue(
      ledger,
      item,
      stock,
      saved,
      input.quantityHundredths,
      saved.unitCostCents ?? 0,
    )
    if (lot === undefined) throw badRequest('Insufficient stock to devalue (lots/FIFO)')
    return { message: 'Stock devaluation recorded successfully' }
  }

  /** Waste with devaluation: the wasted quantity is devalued first, then taken from that lot first. */
  private async devaluedWaste(
    ledger: StockLedger,
    item: StockItem,
    stock: WarehouseStock,
    movement: NewStockMovement,
    reason: string | null,
  ): Promise<MovementResult> {
    const quantity = -movement.quantityHundredths
    if (stock.onHandHundredths < quantity) throw insufficientStock('waste', stock.onHandHundredths, quantity)
    const devaluation = await ledger.insertMovement({
      ...movement,
      movementType: 'devaluation',
      quantityHundredths: 0,
      reason: reason ?? 'Devaluation before waste via API',
    })
    const cost = movement.unitCostCents ?? 0
    const lot = await this.recorder.devalue(ledger, item, stock, devaluation, quantity, cost)
    if (lot === undefined)
      throw badRequest('Failed to devalue stock before waste: Insufficient stock to devalue (lots/FIFO)')
    const recorded = await this.recorder.record(ledger, item, stock, movement, { preferredLotId: lot })
    return { message: 'Waste movement recorded successfully with devaluation applied', ...recorded }
  }
}

export type { StockMovement }
