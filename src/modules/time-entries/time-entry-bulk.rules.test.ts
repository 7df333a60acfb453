import { describe, expect, it } from 'vitest'
import { bulkActionOf, bulkChanges, isTruthy, retagged, tagOf } from './time-entry-bulk.rules.js'

describe('bulk action rules', () => {
  it('reads the action trimmed and case-sensitively', () => {
    const actions = [' delete ', 'set_paid', 'Delete', 'archive', 5, undefined].map(bulkActionOf)

    expect(actions).toEqual(['delete', 'set_paid', undefined, undefined, undefined, undefined])
  })

  it('reads value by truthiness: the string "false" is true, empty containers are false', () => {
    const values = [true, 'false', 'x', 1, -1, [0], { a: 1 }, false, null, undefined, 0, '', [], {}]

    const flags = values.map(isTruthy)

    expect(flags).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ])
  })

  it('reads a tag as a trimmed non-empty string', () => {
    const tags = [' urgent ', '', '   ', 5, null].map(tagOf)

    expect(tags).toEqual(['urgent', undefined, undefined, undefined, undefined])
  })

  it('adds and removes tags as a set, sorted by code point and joined with a comma and a space', () => {
    const results = [
      retagged('b, a,,b', 'C', 'add_tag'),
      retagged('b, a', 'a', 'add_tag'),
      retagged('a, B', 'b', 'remove_tag'),
      retagged('a', 'a', 'remove_tag'),
      retagged(null, '😀', 'add_tag'),
      retagged('\uFFFD', '😀', 'add_tag'),
    ]

    expect(results).toEqual(['C, a, b', 'a, b', 'B, a', null, '😀', '\uFFFD, 😀'])
  })

  it('clears the invoice number when marking unpaid', () => {
    const changes = [
      bulkChanges('set_paid', false, { tags: null }),
      bulkChanges('set_paid', true, { tags: null }),
      bulkChanges('set_billable', false, { tags: null }),
    ]

    expect(changes).toEqual([{ paid: false, invoiceNumber: null }, { paid: true }, { billable: false }])
  })
})
