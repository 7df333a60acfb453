import { describe, expect, it } from 'vitest'
import {
  divideHalfUp,
  itemTotalCents,
  parseAmount,
  QUANTITY,
  quoteTotals,
  scaleDecimal,
  TAX_RATE,
  toDecimalNumber,
  UNIT_PRICE,
} from './quote-money.rules.js'

describe('quote money rules', () => {
  it('rounds exact quotients half up, away from zero', () => {
    expect(divideHalfUp(15n, 10n)).toBe(2n)
    expect(divideHalfUp(14n, 10n)).toBe(1n)
    expect(divideHalfUp(-15n, 10n)).toBe(-2n)
    expect(divideHalfUp(-14n, 10n)).toBe(-1n)
  })

  it('scales decimal texts exactly, where a binary float would round 2.675 down', () => {
    expect(scaleDecimal('2.675', 2)).toBe(268n)
    expect(scaleDecimal(' 19.99 ', 2)).toBe(1999n)
    expect(scaleDecimal('-0.005', 2)).toBe(-1n)
    expect(scaleDecimal('1e3', 2)).toBe(100000n)
    expect(scaleDecimal('1.5E-1', 3)).toBe(150n)
    expect(scaleDecimal('.5', 3)).toBe(500n)
    expect(scaleDecimal('7.', 0)).toBe(7n)
  })

  it('refuses texts that are not decimal numbers', () => {
    for (const text of ['', ' ', 'abc', '1,5', '1.2.3', 'NaN', 'Infinity', '0x10', '.', 'e5', '1e']) {
      expect(scaleDecimal(text, 2)).toBeUndefined()
    }
    expect(scaleDecimal('1'.repeat(101), 2)).toBeUndefined()
  })

  it('reads JSON numbers and numeric strings like the original Decimal(str(value))', () => {
    expect(parseAmount(2.5, QUANTITY)).toEqual({ ok: true, scaled: 2500 })
    expect(parseAmount('0.1', UNIT_PRICE)).toEqual({ ok: true, scaled: 10 })
    expect(parseAmount(1.005, UNIT_PRICE)).toEqual({ ok: true, scaled: 101 })
    expect(parseAmount(21, TAX_RATE)).toEqual({ ok: true, scaled: 2100 })
  })

  it('names the problem of a value that is not a usable number', () => {
    expect(parseAmount(null, QUANTITY)).toEqual({ ok: false, message: 'Field may not be null.' })
    expect(parseAmount(true, QUANTITY)).toEqual({ ok: false, message: 'Not a valid number.' })
    expect(parseAmount({}, QUANTITY)).toEqual({ ok: false, message: 'Not a valid number.' })
    expect(parseAmount('ten', QUANTITY)).toEqual({ ok: false, message: 'Not a valid number.' })
    expect(parseAmount(-0.01, TAX_RATE)).toEqual({
      ok: false,
      message: 'Must be greater than or equal to 0.',
    })
    expect(parseAmount('1000.01', TAX_RATE)).toEqual({
      ok: false,
      message: 'Must be less than or equal to 1000.',
    })
    expect(parseAmount('5e100', QUANTITY)).toEqual({
      ok: false,
      message: 'Must be less than or equal to 1000000.',
    })
  })

  it('computes a line total as quantity × unit price rounded to cents', () => {
    expect(itemTotalCents(2500, 1999)).toBe(4998n) // 49.975 → 49.98
    expect(itemTotalCents(333, 1)).toBe(0n) // 0.00333 → 0.00
    expect(itemTotalCents(1000, -1050)).toBe(-1050n)
    expect(itemTotalCents(1_000_000_000, 1_000_000_000)).toBe(1_000_000_000_000_000n)
  })

  it('sums rounded line totals and rounds the tax once', () => {
    const items = [
      { quantityThousandths: 2500, unitPriceCents: 1999 },
      { quantityThousandths: 1000, unitPriceCents: 1000 },
    ]

    const totals = quoteTotals(items, 2100)

    expect(totals).toEqual({
      subtotalCents: 5998n,
      discountCents: 0n,
      subtotalAfterDiscountCents: 5998n,
      taxCents: 1260n, // 12.5958 → 12.60
      totalCents: 7258n,
    })
  })

  it('rounds a tax of exactly half a cent up', () => {
    expect(quoteTotals([{ quantityThousandths: 1000, unitPriceCents: 10 }], 500).taxCents).toBe(1n) // 0.005 → 0.01
    expect(quoteTotals([], 2100).totalCents).toBe(0n)
  })

  it('writes scaled integers as numbers with their decimals', () => {
    expect(toDecimalNumber(7258n, 2)).toBe(72.58)
    expect(toDecimalNumber(2500, 3)).toBe(2.5)
    expect(toDecimalNumber(-1n, 2)).toBe(-0.01)
  })
})
