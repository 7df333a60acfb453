import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.js'
import {
  assertRequiredFields,
  canSeeQuote,
  isExpired,
  isStorableId,
  nextQuoteNumber,
  normalizeNewQuoteFields,
  normalizeQuoteChanges,
  quoteNumberPrefix,
  readLenientDate,
} from './quote.rules.js'

function failure(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('quote numbers', () => {
  it('starts every local day at 001', () => {
    expect(nextQuoteNumber(quoteNumberPrefix('2025-01-15'), [])).toBe('QUO-20250115-001')
  })

  it('takes one more than the highest sequence of the same day, compared as numbers', () => {
    const prefix = 'QUO-20250115-'

    expect(nextQuoteNumber(prefix, ['QUO-20250115-001', 'QUO-20250115-007', 'QUO-20250115-003'])).toBe(
      'QUO-20250115-008',
    )
    expect(nextQuoteNumber(prefix, ['QUO-20250115-999', 'QUO-20250115-1000'])).toBe('QUO-20250115-1001')
  })

  it('ignores other days and suffixes that are not sequences', () => {
    const used = ['QUO-20250114-050', 'QUO-20250115-ABC', 'QUO-20250115-', 'QUO-20250115-002']

    expect(nextQuoteNumber('QUO-20250115-', used)).toBe('QUO-20250115-003')
  })
})

describe('quote input rules', () => {
  it('reports every missing required field with the contract message', () => {
    const error = failure(() => assertRequiredFields({ clientId: null, title: '   ' }))

    expect(error.code).toBe('validation_error')
    expect(error.message).toBe('client_id and title are required')
    expect(error.options.errors).toEqual({
      client_id: ['Missing data for required field.'],
      title: ['Missing data for required field.'],
    })
  })

  it('trims the title', () => {
    expect(assertRequiredFields({ clientId: 4, title: '  Retainer ' })).toEqual({
      clientId: 4,
      title: 'Retainer',
    })
  })

  it('defaults and normalizes the optional fields of a create', () => {
    const fields = normalizeNewQuoteFields({
      clientId: 1,
      title: 't',
      description: '  ',
      currencyCode: ' usd ',
      validUntil: '2025-2-3',
    })

    expect(fields).toEqual({
      description: null,
      taxRateHundredths: 0,
      currencyCode: 'USD',
      validUntil: '2025-02-03',
      items: [],
    })
  })

  it('keeps kind-specific line fields only for their kind and fills blank descriptions', () => {
    const { items } = normalizeNewQuoteFields({
      clientId: 1,
      title: 't',
      items: [
        { description: ' ', displayName: 'Ignored', sku: 'X', lineDate: '2025-01-01' },
        { lineKind: 'EXPENSE', displayName: ' Taxi ', category: 'Travel', lineDate: 'soon', sku: 'X' },
        { lineKind: 'good', sku: ' SKU-1 ', lineDate: '2025-01-01', unit: ' pcs ' },
        { lineKind: 'service', description: ' Work ', displayName: 'Ignored' },
      ],
    })

    expect(items).toEqual([
      {
        lineKind: 'item',
        displayName: null,
        category: null,
        lineDate: null,
        sku: null,
        description: '-',
        quantityThousandths: 1000,
        unitPriceCents: 0,
        unit: null,
        position: 0,
      },
      {
        lineKind: 'expense',
        displayName: 'Taxi',
        category: 'Travel',
        lineDate: null,
        sku: null,
        description: 'Taxi',
        quantityThousandths: 1000,
        unitPriceCents: 0,
        unit: null,
        position: 1,
      },
      {
        lineKind: 'good',
        displayName: null,
        category: null,
        lineDate: null,
        sku: 'SKU-1',
        description: '-',
        quantityThousandths: 1000,
        unitPriceCents: 0,
        unit: 'pcs',
        position: 2,
      },
      {
        lineKind: 'item',
        displayName: null,
        category: null,
        lineDate: null,
        sku: null,
        description: 'Work',
        quantityThousandths: 1000,
        unitPriceCents: 0,
        unit: null,
        position: 3,
      },
    ])
  })

  it('collects every bad amount and currency at once, keyed by the line index', () => {
    const error = failure(() =>
      normalizeNewQuoteFields({
        clientId: 1,
        title: 't',
        taxRate: 'x',
        currencyCode: 'EURO',
        items: [{ quantity: 1 }, { quantity: 'two', unitPrice: [] }],
      }),
    )

    expect(error.options.errors).toEqual({
      tax_rate: ['Not a valid number.'],
      currency_code: ['Must be a 3-letter currency code.'],
      'items[1].quantity': ['Not a valid number.'],
      'items[1].unit_price': ['Not a valid number.'],
    })
  })

  it('changes only the keys an update sends, and ignores an unparsable valid_until', () => {
    expect(normalizeQuoteChanges({})).toEqual({ changes: {} })
    expect(normalizeQuoteChanges({ description: ' ', validUntil: 'next week', status: 'sent' })).toEqual({
      changes: { description: null, status: 'sent' },
    })
    expect(normalizeQuoteChanges({ items: [] })).toEqual({ changes: {}, items: [] })
  })

  it('refuses a blank title on update', () => {
    const error = failure(() => normalizeQuoteChanges({ title: '  ' }))

    expect(error.options.errors).toEqual({ title: ['Missing data for required field.'] })
  })

  it('reads only real calendar dates', () => {
    expect(readLenientDate('2025-02-29')).toBeUndefined()
    expect(readLenientDate(20250101)).toBeUndefined()
    expect(readLenientDate('2024-02-29')).toBe('2024-02-29')
  })

  it('accepts only ids an integer column can hold', () => {
    expect(isStorableId(1)).toBe(true)
    expect(isStorableId(2_147_483_647)).toBe(true)
    expect(isStorableId(2_147_483_648)).toBe(false)
    expect(isStorableId(0)).toBe(false)
  })
})

describe('quote visibility and expiry', () => {
  it('shows every quote to "all" and only own quotes otherwise', () => {
    expect(canSeeQuote({ scope: 'all' }, { createdBy: null })).toBe(true)
    expect(canSeeQuote({ scope: 'own', userId: 3 }, { createdBy: 3 })).toBe(true)
    expect(canSeeQuote({ scope: 'own', userId: 3 }, { createdBy: 4 })).toBe(false)
    expect(canSeeQuote({ scope: 'own', userId: 3 }, { createdBy: null })).toBe(false)
  })

  it('expires a quote the day after valid_until', () => {
    expect(isExpired(null, '2025-01-15')).toBe(false)
    expect(isExpired('2025-01-15', '2025-01-15')).toBe(false)
    expect(isExpired('2025-01-14', '2025-01-15')).toBe(true)
  })
})
