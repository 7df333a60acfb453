import type { LotAllocation, LotType, StockLot } from './inventory.types.js'

// The valuation layers of api-extended.md §2.6.3, as pure plans the recorder then stores.

/** Quantity (positive) taken from one lot. */
export interface LotTake {
  lotId: number
  quantityHundredths: number
  unitCostCents: number
}

/** A lot to create on the inbound side of a transfer: the source lot's cost, type and age. */
export interface InboundLot {
  quantityHundredths: number
  unitCostCents: number
  lotType: LotType
  createdAt: Date | undefined
}

/** Oldest first (created_at, then id), the preferred lot (waste after devaluation) ahead of all. */
export function fifoOrder(lots: StockLot[], preferredLotId?: number): StockLot[] {
  const byAge = [...lots].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
  const preferred = byAge.filter((lot) => lot.id === preferredLotId)
  return [...preferred, ...byAge.filter((lot) => lot.id !== preferredLotId)]
}

/**
 * The "legacy" lot seeded before an outbound movement or a devaluation when the warehouse
 * holds no lot of the item yet but had stock: its quantity, or undefined when none is needed.
 */
export function legacyLotQuantity(hasLots: boolean, onHandBeforeHundredths: number): number | undefined {
  return !hasLots && onHandBeforeHundredths > 0 ? onHandBeforeHundredths : undefined
}

/**
 * FIFO consumption from lots with positive quantity, each up to its quantity; undefined when
 * they hold less than `quantityHundredths` (the movement then fails).
 */
export function takeFromPositiveLots(
  lots: StockLot[],
  quantityHundredths: number,
  preferredLotId?: number,
): LotTake[] | undefined {
  const takes: LotTake[] = []
  let remaining = quantityHundredths
  for (const lot of fifoOrder(lots, preferredLotId)) {
    if (remaining <= 0) break
    if (lot.quantityHundredths <= 0) continue
    const taken = Math.min(lot.quantityHundredths, remaining)
    takes.push({ lotId: lot.id, quantityHundredths: taken, unitCostCents: lot.unitCostCents })
    remaining -= taken
  }
  return remaining > 0 ? undefined : takes
}

/**
 * An adjustment takes the whole quantity from the first non-zero lot, even driving it
 * negative; undefined when there is none (a zero lot is then created to take it from).
 */
export function adjustmentLot(lots: StockLot[]): StockLot | undefined {
  return fifoOrder(lots).find((lot) => lot.quantityHundredths !== 0)
}

/**
 * The destination lots of a transfer's inbound half: the outbound half's allocations in
 * order, each with its lot's cost, type and age, until the quantity is covered; any rest
 * becomes a normal lot at `fallbackCostCents` (no age given: it is created now).
 */
export function transferInboundLots(
  outboundAllocations: LotAllocation[],
  quantityHundredths: number,
  fallbackCostCents: number,
): InboundLot[] {
  const lots: InboundLot[] = []
  let remaining = quantityHundredths
  for (const allocation of outboundAllocations) {
    if (remaining <= 0) break
    const moved = Math.min(Math.abs(allocation.quantityHundredths), remaining)
    if (moved === 0) continue
    lots.push({
      quantityHundredths: moved,
      unitCostCents: allocation.unitCostCents,
      lotType: allocation.lotType,
      createdAt: allocation.lotCreatedAt,
    })
    remaining -= moved
  }
  if (remaining > 0)
    lots.push({
      quantityHundredths: remaining,
      unitCostCents: fallbackCostCents,
      lotType: 'normal',
      createdAt: undefined,
    })
  return lots
}
