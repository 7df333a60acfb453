import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.js'
import { movementReference, turnoverFigures, wholeDays } from './inventory-report.rules.js'
import { amountHundredths, pythonFloat, rangeBound } from './inventory-values.rules.js'
import type { StockItem, StockLot } from './inventory.types.js'
import {
  fifoOrder,
  legacyLotQuantity,
  takeFromPositiveLots,
  transferInboundLots,
} from './stock-lots.rules.js'
import { devaluedUnitCost } from './stock-movement.rules.js'

const at = (seconds: number) => new Date(seconds * 1000)
const lot = (
  id: number,
  quantityHundredths: number,
  createdSecond: number,
  unitCostCents = 100,
): StockLot => ({
  id,
  lotType: 'normal',
  unitCostCents,
  quantityHundredths,
  createdAt: at(createdSecond),
})

describe('exact amounts', () => {
  it('keeps 2 decimals half up on the exact decimal value', () => {
    expect(amountHundredths('2.675')).toBe(268)
    expect(amountHundredths(1.005)).toBe(101)
    expect(amountHundredths('-0.125')).toBe(-13)
    expect(amountHundredths('1e2')).toBe(10_000)
  })

  it('refuses non-numbers and values beyond NUMERIC(10,2)', () => {
    expect(amountHundredths(true)).toBeUndefined()
    expect(amountHundredths('12abc')).toBeUndefined()
    expect(amountHundredths(100_000_000)).toBeUndefined()
    expect(amountHundredths('99999999.99')).toBe(9_999_999_999)
  })

  it('prints numbers in messages as Python floats', () => {
    expect(pythonFloat(500)).toBe('5.0')
    expect(pythonFloat(250)).toBe('2.5')
    expect(pythonFloat(10)).toBe('0.1')
    expect(pythonFloat(0)).toBe('0.0')
  })
})

describe('date-range rule', () => {
  it('reads a bare date as 00:00 or 23:59:59 app-local, a datetime as given, anything else as absent', () => {
    expect(rangeBound('2025-03-30', 'Europe/Berlin', 'start')).toEqual(new Date('2025-03-29T23:00:00Z'))
    expect(rangeBound('2025-03-30', 'Europe/Berlin', 'end')).toEqual(new Date('2025-03-30T21:59:59Z'))
    expect(rangeBound('2025-03-30T12:00:00+02:00', 'UTC', 'end')).toEqual(new Date('2025-03-30T10:00:00Z'))
    expect(rangeBound('yesterday', 'UTC', 'start')).toBeUndefined()
  })
})

describe('lots', () => {
  it('orders oldest first, ties by id, a preferred lot ahead of all', () => {
    const lots = [lot(3, 100, 20), lot(1, 100, 20), lot(2, 100, 10)]

    expect(fifoOrder(lots).map((l) => l.id)).toEqual([2, 1, 3])
    expect(fifoOrder(lots, 3).map((l) => l.id)).toEqual([3, 2, 1])
  })

  it('takes from positive lots only, each up to its quantity, and fails when they fall short', () => {
    const lots = [lot(1, -200, 1), lot(2, 0, 2), lot(3, 300, 3, 250), lot(4, 500, 4, 400)]

    expect(takeFromPositiveLots(lots, 450)).toEqual([
      { lotId: 3, quantityHundredths: 300, unitCostCents: 250 },
      { lotId: 4, quantityHundredths: 150, unitCostCents: 400 },
    ])
    expect(takeFromPositiveLots(lots, 801)).toBeUndefined()
  })

  it('seeds a legacy lot only when the warehouse has no lot and had stock', () => {
    expect(legacyLotQuantity(false, 500)).toBe(500)
    expect(legacyLotQuantity(true, 500)).toBeUndefined()
    expect(legacyLotQuantity(false, 0)).toBeUndefined()
  })

  it("copies the outbound allocations' cost, type and age to the destination, the rest at the fallback cost", () => {
    const allocations = [
      {
        lotId: 1,
        quantityHundredths: -300,
        unitCostCents: 200,
        lotType: 'devalued' as const,
        lotCreatedAt: at(5),
      },
      {
        lotId: 2,
        quantityHundredths: -100,
        unitCostCents: 400,
        lotType: 'normal' as const,
        lotCreatedAt: at(9),
      },
    ]

    expect(transferInboundLots(allocations, 350, 999)).toEqual([
      { quantityHundredths: 300, unitCostCents: 200, lotType: 'devalued', createdAt: at(5) },
      { quantityHundredths: 50, unitCostCents: 400, lotType: 'normal', createdAt: at(9) },
    ])
    expect(transferInboundLots(allocations, 500, 999)[2]).toEqual({
      quantityHundredths: 100,
      unitCostCents: 999,
      lotType: 'normal',
      createdAt: undefined,
    })
  })
})

describe('devalued unit cost', () => {
  const item = { isTrackable: true, defaultCostCents: 25 } as StockItem
  const percent = (value: unknown) =>
    devaluedUnitCost(item, { method: 'percent', percent: value, unitCost: undefined }, 'devaluation')

  it('computes base × (100 − percent) / 100 exactly and rounds half up once', () => {
    expect(percent(50)).toBe(13) // 0.125 → 0.13
    expect(percent('33.333333333333333333')).toBe(17) // 0.1666… → 0.17
    expect(percent(0)).toBe(25)
    expect(percent(100)).toBe(0)
  })

  it('quantizes a fixed cost half up', () => {
    const fixed = devaluedUnitCost(
      item,
      { method: 'fixed', percent: undefined, unitCost: '0.005' },
      'devaluation',
    )

    expect(fixed).toBe(1)
  })

  it('refuses a percent outside 0–100', () => {
    expect(() => percent(-0.001)).toThrow(AppError)
    expect(() => percent('100.0001')).toThrow('Devaluation percent must be between 0 and 100')
  })
})

describe('report arithmetic', () => {
  it('joins the non-empty reference parts with #', () => {
    expect(movementReference('transfer', 1767225600123)).toBe('transfer#1767225600123')
    expect(movementReference('invoice', null)).toBe('invoice')
    expect(movementReference('', 42)).toBe('42')
    expect(movementReference(null, 0)).toBeNull()
  })

  it('floors whole days like a timedelta, also backwards', () => {
    expect(wholeDays(new Date('2025-01-01T00:00:00Z'), new Date('2025-01-05T23:59:59Z'))).toBe(4)
    expect(wholeDays(new Date('2025-01-02T00:00:00Z'), new Date('2025-01-01T12:00:00Z'))).toBe(-1)
  })

  it('answers 0 rates without stock or without whole days', () => {
    const row = { itemId: 1, sku: 'A', name: 'A', soldHundredths: 450, stockHundredths: 500 }

    expect(turnoverFigures(row, 365)).toEqual({
      quantitySold: 4.5,
      avgStock: 5,
      turnoverRate: 0.9,
      daysOnHand: 365 / 0.9,
    })
    expect(turnoverFigures(row, 0)).toEqual({
      quantitySold: 4.5,
      avgStock: 5,
      turnoverRate: 0,
      daysOnHand: 0,
    })
    expect(turnoverFigures({ ...row, stockHundredths: 0 }, 365)).toMatchObject({
      turnoverRate: 0,
      daysOnHand: 0,
    })
  })
})
