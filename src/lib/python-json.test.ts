import { describe, expect, it } from 'vitest'
import { toPythonJson } from './python-json.js'

describe('toPythonJson', () => {
  it('writes the example of webhooks.md §4.4 byte for byte', () => {
    expect(toPythonJson({ a: 'é', b: [1, 2.5, null, true] })).toBe(
      '{"a": "\\u00e9", "b": [1, 2.5, null, true]}',
    )
  })

  it('separates members and items with a comma and a space, keeps key order, and writes empty containers tightly', () => {
    expect(toPythonJson({ z: 1, a: { y: [], x: {} }, m: [false, 'x'] })).toBe(
      '{"z": 1, "a": {"y": [], "x": {}}, "m": [false, "x"]}',
    )
  })

  it('escapes non-ASCII as lowercase \\uXXXX, characters outside the BMP as a surrogate pair', () => {
    expect(toPythonJson('Ünïcödé €')).toBe('"\\u00dcn\\u00efc\\u00f6d\\u00e9 \\u20ac"')
    expect(toPythonJson('😀')).toBe('"\\ud83d\\ude00"')
    expect(toPythonJson('\uffff')).toBe('"\\uffff"')
  })

  it('escapes quotes, backslashes and control characters as standard JSON does, and leaves / and DEL alone', () => {
    expect(toPythonJson('a"b\\c\nd\re\tf\bg\fh\u0001i\u001fj/k\u007f')).toBe(
      '"a\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj/k\u007f"',
    )
  })

  it('escapes non-ASCII keys too', () => {
    expect(toPythonJson({ clé: 'v' })).toBe('{"cl\\u00e9": "v"}')
  })

  it('prints numbers as the API does: integers without a point, decimals in shortest form', () => {
    expect(toPythonJson([0, -3, 2.5, 0.13, 1234567.89, 1e21, -0.5])).toBe(
      '[0, -3, 2.5, 0.13, 1234567.89, 1e+21, -0.5]',
    )
  })

  it('skips undefined members, writes undefined items and non-finite numbers as null, and uses toJSON', () => {
    expect(
      toPythonJson({ a: undefined, b: [undefined, NaN, Infinity], c: new Date('2026-01-15T09:30:00Z') }),
    ).toBe('{"b": [null, null, null], "c": "2026-01-15T09:30:00.000Z"}')
  })

  it('writes no newline anywhere', () => {
    expect(toPythonJson({ text: 'line\nbreak', nested: { list: [1, 2] } })).not.toMatch(/\n/)
  })
})
