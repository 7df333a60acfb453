import type { FieldErrors } from '../errors.js'

/** The parts of an Ajv error this mapping reads (Ajv runs with allErrors and verbose). */
export interface SchemaError {
  keyword: string
  instancePath: string
  schemaPath: string
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
  'iso-datetime': 'Not a valid datetime.',
  'iso-date': 'Not a valid date.',
  date: 'Not a valid date.',
  email: 'Not a valid email address.',
  uri: 'Not a valid URL.',
}

const INVALID = 'Not a valid value.'

function rangeMessage(schema: Record<string, unknown> | undefined): string {
  const min = schema?.minimum as number | undefined
  const max = schema?.maximum as number | undefined
  if (min !== undefined && max !== undefined) {
    return `Must be greater than or equal to ${String(min)} and less than or equal to ${String(max)}.`
  }
  return min !== undefined
    ? `Must be greater than or equal to ${String(min)}.`
    : `Must be less than or equal to ${String(max)}.`
}

/** The contract's message for one schema failure (api-core.md §2.3); undefined where the enclosing union answers instead. */
function messageFor(error: SchemaError): string | undefined {
  switch (error.keyword) {
    case 'required':
      return 'Missing data for required field.'
    case 'type':
      if (error.data === null) return 'Field may not be null.'
      return error.params.type === 'null'
        ? undefined
        : (TYPE_MESSAGES[String(error.params.type).split(',')[0] ?? ''] ?? INVALID)
    case 'format':
      return FORMAT_MESSAGES[String(error.params.format)] ?? INVALID
    case 'maxLength':
    case 'maxItems':
      return `Longer than maximum length ${String(error.params.limit)}.`
    case 'minLength':
    case 'minItems':
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
    case 'anyOf':
      return undefined
    default:
      return INVALID
  }
}

function fieldName(error: SchemaError): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const missing = error.keyword === 'required' ? String(error.params.missingProperty) : ''
  return [path, missing].filter(Boolean).join('.') || '_schema'
}

type FieldMessage = [field: string, message: string]

/**
 * One union (`anyOf`, TypeBox's `Union`) gets one answer, not one per branch: a union of
 * literals reads as an enum ("Must be one of: a, b."), anything else takes the messages
 * of the first branch that has any (`String | Null` given 5 → "Not a valid string.").
 */
function unionMessages(union: SchemaError, branchErrors: SchemaError[]): FieldMessage[] {
  const branches = (union.parentSchema?.anyOf ?? []) as Record<string, unknown>[]
  const values = branches.filter((branch) => branch.type !== 'null').map((branch) => branch.const)
  if (union.data === null) return [[fieldName(union), 'Field may not be null.']]
  if (values.length > 0 && values.every((value) => value !== undefined)) {
    return [[fieldName(union), `Must be one of: ${values.map(String).join(', ')}.`]]
  }
  const branchOf = (error: SchemaError) => error.schemaPath.slice(union.schemaPath.length + 1).split('/')[0]
  const first = branchErrors.find((error) => messageFor(error) !== undefined)
  if (!first) return [[fieldName(union), INVALID]]
  // The chosen branch may itself hold a union (Nullable(IntegerField())): resolve it the same way.
  return collect(branchErrors.filter((error) => branchOf(error) === branchOf(first)))
}

/** The field messages of a set of failures, each union contributing one answer. */
function collect(errors: SchemaError[]): FieldMessage[] {
  const unions = errors.filter((error) => error.keyword === 'anyOf')
  // The same union schema fails once per array item, so the value's path must match too.
  const isInside = (error: SchemaError, union: SchemaError) =>
    error.schemaPath.startsWith(`${union.schemaPath}/`) &&
    (error.instancePath === union.instancePath || error.instancePath.startsWith(`${union.instancePath}/`))
  return errors.flatMap((error): FieldMessage[] => {
    if (unions.some((union) => isInside(error, union))) return []
    if (error.keyword === 'anyOf')
      return unionMessages(
        error,
        errors.filter((other) => isInside(other, error)),
      )
    return [[fieldName(error), messageFor(error) ?? INVALID]]
  })
}

/** Groups schema failures into `{field: [messages]}`, every field at once (api-core.md §2.3). */
export function toFieldErrors(errors: SchemaError[]): FieldErrors {
  const fields: FieldErrors = {}
  for (const [field, message] of collect(errors)) {
    const list = (fields[field] ??= [])
    if (!list.includes(message)) list.push(message)
  }
  if (Object.keys(fields).length === 0) fields._schema = ['Invalid input.']
  return fields
}
