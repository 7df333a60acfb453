import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import { isStorableId } from './inventory-values.rules.js'
import type {
  InstantRange,
  NewStockMovement,
  PageRequest,
  StockItem,
  Warehouse,
  WarehouseStock,
} from './inventory.types.js'
import type { StockItemRepository } from './stock-item.repository.js'
import type { StockLedger, StockLedgerRepository } from './stock-ledger.repository.js'
import type { StockRecorder } from './stock-recorder.service.js'
import { toTransferPair, type TransferInput, type TransferPair } from './stock-transfer.rules.js'
import type { StockTransferRepository } from './stock-transfer.repository.js'
import type { WarehouseRepository } from './warehouse.repository.js'

/** Claims beyond this many taken ids in a row give up (each claim is one more millisecond). */
const REFERENCE_ATTEMPTS = 1000

function badRequest(message: string): AppError {
  return new AppError('invalid', 'bad_request', message)
}

function notFound(message: string): AppError {
  return new AppError('not_found', 'not_found', message)
}

/** A page of transfers: the complete pairs, and the number of groups (complete or not). */
export interface TransferPage {
  transfers: TransferPair[]
  total: number
}

/** Transfers between warehouses (api-extended.md §2.7): two movements under one reference id. */
export class StockTransferService {
  constructor(
    private readonly items: StockItemRepository,
    private readonly warehouses: WarehouseRepository,
    private readonly transfers: StockTransferRepository,
    private readonly ledger: StockLedgerRepository,
    private readonly recorder: StockRecorder,
    private readonly clock: Clock,
  ) {}

  /** Moves stock and its lots from one warehouse to another in one transaction. */
  async create(user: User, input: TransferInput): Promise<TransferPair> {
    const item = await this.find(input.stockItemId, (id) => this.items.findById(id), 'Stock item')
    const from = await this.find(input.fromWarehouseId, (id) => this.warehouses.findById(id), 'Warehouse')
    const to = await this.find(input.toWarehouseId, (id) => this.warehouses.findById(id), 'Warehouse')
    const now = this.clock.now()
    return this.ledger.transaction(async (ledger) => {
      const referenceId = await this.claimReference(ledger, now)
      const { source, destination } = await this.lockPair(ledger, item, from, to, now)
      if (!source || source.onHandHundredths - source.reservedHundredths < input.quantityHundredths)
        throw badRequest('Insufficient stock available in source warehouse')
      const movement = (warehouseId: number, quantityHundredths: number): NewStockMovement => ({
        movementType: 'transfer',
        stockItemId: item.id,
        warehouseId,
        quantityHundredths,
        referenceType: 'transfer',
        referenceId,
        unitCostCents: null,
        reason: `Transfer from ${from.code} to ${to.code}`,
        notes: input.notes,
        movedBy: user.id,
        movedAt: now,
      })
      const outbound = await this.recorder.record(
        ledger,
        item,
        source,
        movement(from.id, -input.quantityHundredths),
      )
      const inbound = await this.recorder.record(
        ledger,
        item,
        destination,
        movement(to.id, input.quantityHundredths),
      )
      return { referenceId, outbound: outbound.movement, inbound: inbound.movement }
    })
  }

  /** One page of reference groups, latest first; groups that are not a pair are counted but left out. */
  async list(range: InstantRange, page: PageRequest): Promise<TransferPage> {
    const { groups, total } = await this.transfers.groups(range, page)
    const pairs = groups.filter((group) => group.movements === 2).map((group) => group.referenceId)
    const movements = await this.transfers.movementsOf(pairs, range)
    const transfers = pairs.flatMap((referenceId) => {
      const pair = toTransferPair(
        referenceId,
        movements.filter((m) => m.referenceId === referenceId),
      )
      return pair ? [pair] : []
    })
    return { transfers, total }
  }

  /** The transfer; not_found unless the reference has exactly two transfer movements. */
  async get(referenceId: number): Promise<TransferPair> {
    const pair = toTransferPair(referenceId, await this.transfers.movementsOf([referenceId]))
    if (!pair) throw notFound(`Transfer with ID ${referenceId} not found`)
    return pair
  }

  private async find<T>(
    id: number,
    lookup: (id: number) => Promise<T | undefined>,
    what: string,
  ): Promise<T> {
    const found = isStorableId(id) ? await lookup(id) : undefined
    if (!found) throw notFound(`${what} with ID ${id} not found`)
    return found
  }

  /** The current millisecond, or the next free integer after it (§9 item 10). */
  private async claimReference(ledger: StockLedger, now: Date): Promise<number> {
    const start = Math.floor(this.clock.preciseNow())
    for (let candidate = start; candidate < start + REFERENCE_ATTEMPTS; candidate += 1) {
      if (await ledger.claimTransferReference(candidate, now)) return candidate
    }
    throw new AppError('conflict', 'conflict', 'Could not allocate a transfer reference, please retry')
  }

  /** Locks both rows in warehouse-id order (no deadlock between opposite transfers); the destination is created if missing. */
  private async lockPair(ledger: StockLedger, item: StockItem, from: Warehouse, to: Warehouse, now: Date) {
    const rows = new Map<number, WarehouseStock | undefined>()
    for (const warehouse of [from, to].sort((a, b) => a.id - b.id))
      rows.set(warehouse.id, await ledger.lockStock(item.id, warehouse.id, now, warehouse.id === to.id))
    return { source: rows.get(from.id), destination: rows.get(to.id) as WarehouseStock }
  }
}
