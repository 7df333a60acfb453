import { describe, expect, it } from 'vitest'
import { formatScaled, toScaledInteger } from './decimal.js'

describe('toScaledInteger', () => {
  it.each([
    ['12.345', 1235n],
    ['12.344', 1234n],
    ['0.005', 1n],
    ['0.004', 0n],
    ['85', 8500n],
    [' 85.5 ', 8550n],
    ['.5', 50n],
    ['7.', 700n],
    ['+1.005', 101n],
    ['-1.005', -101n],
    ['1e2', 10000n],
    ['1.2345E1', 1235n],
    ['5e-3', 1n],
    ['1e-9999', 0n],
    ['000012.30', 1230n],
    ['0', 0n],
  ])('scales the text %s exactly, rounding half up', (text, expected) => {
    expect(toScaledInteger(text, 2)).toBe(expected)
  })

  it.each([
    [12.345, 1235n],
    [1.005, 101n],
    [0.1 + 0.2, 30n],
    [75, 7500n],
    [1e-7, 0n],
  ])('scales the number %s through its shortest decimal text', (value, expected) => {
    expect(toScaledInteger(value, 2)).toBe(expected)
  })

  it('clamps absurdly large values instead of building huge numbers', () => {
    expect(toScaledInteger('1e999999999', 2)).toBe(10n ** 60n)
  })

  it.each(['', 'abc', '1.2.3', '.', 'NaN', 'Infinity', '1e', '1,5'])('rejects %j', (text) => {
    expect(toScaledInteger(text, 2)).toBeUndefined()
  })

  it('rejects non-finite numbers', () => {
    expect(toScaledInteger(Number.POSITIVE_INFINITY, 2)).toBeUndefined()
  })
})

describe('formatScaled', () => {
  it.each([
    [8500, '85.00'],
    [5, '0.05'],
    [123456, '1234.56'],
    [0, '0.00'],
    [-5, '-0.05'],
  ])('writes %s cents as %s', (cents, text) => {
    expect(formatScaled(cents, 2)).toBe(text)
  })
})
