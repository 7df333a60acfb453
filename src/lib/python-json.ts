/**
 * JSON text in the style of Python's `json.dumps` with its defaults: `", "` and `": "`
 * separators, every non-ASCII character escaped as lowercase `\uXXXX` (surrogate pairs
 * outside the BMP), `/` left as is, no newline. Numbers print as `JSON.stringify` prints
 * them (what the API sends); `undefined` members are skipped and non-finite numbers become
 * `null`, as in `JSON.stringify`.
 */
export function toPythonJson(value: unknown): string {
  const out: string[] = []
  write(value, out)
  return out.join('')
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
}

// Everything that must be escaped: quote, backslash, control characters and non-ASCII.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/g

function escapeCharacter(character: string): string {
  const short = SHORT_ESCAPES[character]
  if (short !== undefined) return short
  // DEL (0x7f) is ASCII: Python leaves it alone.
  if (character === '\u007f') return character
  return '\\u' + character.charCodeAt(0).toString(16).padStart(4, '0')
}

/** A JSON string literal; lone surrogates are escaped like any other UTF-16 unit (as Python does). */
export function quotePythonString(text: string): string {
  return '"' + text.replace(NEEDS_ESCAPE, escapeCharacter) + '"'
}

function write(value: unknown, out: string[]): void {
  if (value === null || value === undefined) {
    out.push('null')
    return
  }
  switch (typeof value) {
    case 'string':
      out.push(quotePythonString(value))
      return
    case 'number':
      out.push(Number.isFinite(value) ? JSON.stringify(value) : 'null')
      return
    case 'boolean':
      out.push(value ? 'true' : 'false')
      return
    case 'bigint':
      out.push(value.toString())
      return
    case 'object':
      writeObject(value, out)
      return
    case 'function':
    case 'symbol':
    case 'undefined':
      out.push('null')
  }
}

function writeObject(value: object, out: string[]): void {
  const withJson = value as { toJSON?: () => unknown }
  if (typeof withJson.toJSON === 'function') {
    write(withJson.toJSON(), out)
    return
  }
  if (Array.isArray(value)) {
    out.push('[')
    value.forEach((item: unknown, index) => {
      if (index > 0) out.push(', ')
      write(item === undefined || typeof item === 'function' ? null : item, out)
    })
    out.push(']')
    return
  }
  out.push('{')
  let first = true
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue
    if (!first) out.push(', ')
    first = false
    out.push(quotePythonString(key), ': ')
    write(member, out)
  }
  out.push('}')
}
