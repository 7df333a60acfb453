import type { FieldErrors } from '../errors.js'

/** The parts of an Ajv error this mapping reads (Ajv runs with allErrors and verbose). */
export interface SchemaError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  data?: unknown
  parentSchema?: Record<string, unknown>
}

const TYPE_MESSAGES: Record<string, string> = {
  integer: 'Not a valid integer.',
  number: 'Not a valid number.',
  string: 'Not a valid string.',
  boolean: 'Not a valid boolean.',
  object: 'Not a valid mapping type.',
  array: 'Not a valid list.',
}

const FORMAT_MESSAGES: Record<string, string> = {
  'date-time': 'Not a valid datetime.',
  date: 'Not a valid date.',
  email: 'Not a valid email address.',
  uri: 'Not a valid URL.',
}

function rangeMessage(schema: Record<string, unknown> | undefined): string {
  const min = schema?.minimum
  const max = schema?.maximum
  if (min !== undefined && max !== undefined) {
    return `Must be greater than or equal to ${String(min)} and less than or equal to ${String(max)}.`
  }
  return min !== undefined ? `Must be greater than or equal to ${String(min)}.` : `Must be less than or equal to ${String(max)}.`
}

/** The contract's message for one schema failure (api-core.md §2.3). */
function messageFor(error: SchemaError): string | undefined {
  switch (error.keyword) {
    case 'required':
      return 'Missing data for required field.'
    case 'type':
      return error.data === null ? 'Field may not be null.' : TYPE_MESSAGES[String(error.params.type).split(',')[0] ?? '']
    case 'format':
      return FORMAT_MESSAGES[String(error.params.format)] ?? 'Not a valid value.'
    case 'maxLength':
      return `Longer than maximum length ${String(error.params.limit)}.`
    case 'minLength':
      return `Shorter than minimum length ${String(error.params.limit)}.`
    case 'enum':
      return `Must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}.`
    case 'const':
      return `Must be one of: ${String(error.params.allowedValue)}.`
    case 'minimum':
    case 'maximum':
      return rangeMessage(error.parentSchema)
    case 'pattern':
      return 'String does not match expected pattern.'
    default:
      return undefined
  }
}

function fieldName(error: SchemaError): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : ''
  return [path, missing].filter(Boolean).join('.') || '_schema'
}

/** Groups schema failures into `{field: [messages]}`; for a union, the first branch's message stands. */
export function toFieldErrors(errors: SchemaError[]): FieldErrors {
  const fields: FieldErrors = {}
  for (const error of errors) {
    const message = messageFor(error)
    if (message === undefined) continue
    const name = fieldName(error)
    const list = (fields[name] ??= [])
    const isUnionAlternative = error.keyword === 'type' && list.length > 0
    if (!isUnionAlternative && !list.includes(message)) list.push(message)
  }
  if (Object.keys(fields).length === 0) fields._schema = ['Invalid input.']
  return fields
}
