import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { AJV_OPTIONS } from '../app.js'
import { registerJsonBodies } from './body-parsing.js'
import { registerErrorHandling } from './errors.js'
import { IntegerField, Nullable } from './field-types.js'
import { toFieldErrors, type SchemaError } from './validation-messages.js'

/** An Ajv error as Ajv reports it with `allErrors` and `verbose`. */
function ajvError(
  keyword: string,
  field: string,
  params: Record<string, unknown>,
  data: unknown,
  parentSchema: Record<string, unknown>,
  schemaPath?: string,
): SchemaError {
  return {
    keyword,
    instancePath: field ? `/${field}` : '',
    schemaPath: schemaPath ?? `#/properties/${field}/${keyword}`,
    params,
    data,
    parentSchema,
  }
}

describe('toFieldErrors', () => {
  it('names a missing required field', () => {
    const error = ajvError(
      'required',
      '',
      { missingProperty: 'project_id' },
      {},
      { type: 'object' },
      '#/required',
    )

    expect(toFieldErrors([error])).toEqual({ project_id: ['Missing data for required field.'] })
  })

  it.each([
    [
      'null where not allowed',
      'type',
      { type: 'string' },
      null,
      { type: 'string' },
      'Field may not be null.',
    ],
    ['integer', 'type', { type: 'integer' }, 'seven', { type: 'integer' }, 'Not a valid integer.'],
    ['string', 'type', { type: 'string' }, 5, { type: 'string' }, 'Not a valid string.'],
    ['boolean', 'type', { type: 'boolean' }, 'maybe', { type: 'boolean' }, 'Not a valid boolean.'],
    ['number', 'type', { type: 'number' }, 'x', { type: 'number' }, 'Not a valid number.'],
    [
      'maxLength',
      'maxLength',
      { limit: 200 },
      'x'.repeat(201),
      { maxLength: 200 },
      'Longer than maximum length 200.',
    ],
    ['enum', 'enum', { allowedValues: ['a', 'b'] }, 'c', { enum: ['a', 'b'] }, 'Must be one of: a, b.'],
    ['datetime', 'format', { format: 'date-time' }, 'soon', { format: 'date-time' }, 'Not a valid datetime.'],
    ['date', 'format', { format: 'date' }, '2024-13-45', { format: 'date' }, 'Not a valid date.'],
  ])('gives the contract message for %s', (_case, keyword, params, data, schema, message) => {
    const fields = toFieldErrors([ajvError(keyword, 'field', params, data, schema)])

    expect(fields).toEqual({ field: [message] })
  })

  it('states both bounds of a range, whichever one was broken', () => {
    const schema = { type: 'integer', minimum: 1, maximum: 480 }

    const tooLow = toFieldErrors([
      ajvError('minimum', 'idle_minutes', { comparison: '>=', limit: 1 }, 0, schema),
    ])
    const tooHigh = toFieldErrors([
      ajvError('maximum', 'idle_minutes', { comparison: '<=', limit: 480 }, 999, schema),
    ])

    const message = 'Must be greater than or equal to 1 and less than or equal to 480.'
    expect(tooLow).toEqual({ idle_minutes: [message] })
    expect(tooHigh).toEqual({ idle_minutes: [message] })
  })

  it('states the one bound a one-sided range has', () => {
    const fields = toFieldErrors([
      ajvError('minimum', 'page', { comparison: '>=', limit: 1 }, 0, { type: 'integer', minimum: 1 }),
    ])

    expect(fields).toEqual({ page: ['Must be greater than or equal to 1.'] })
  })

  it('gives a string-or-null union only the string message', () => {
    const union = { anyOf: [{ type: 'string' }, { type: 'null' }] }
    const wrongType = [
      ajvError('type', 'notes', { type: 'string' }, 5, { type: 'string' }, '#/properties/notes/anyOf/0/type'),
      ajvError('type', 'notes', { type: 'null' }, 5, { type: 'null' }, '#/properties/notes/anyOf/1/type'),
      ajvError('anyOf', 'notes', {}, 5, union),
    ]

    const fields = toFieldErrors(wrongType)

    expect(fields).toEqual({ notes: ['Not a valid string.'] })
  })

  it('reads a union of literals as an enum', () => {
    const union = {
      anyOf: [
        { const: 'a', type: 'string' },
        { const: 'b', type: 'string' },
      ],
    }
    const errors = [
      ajvError(
        'const',
        'kind',
        { allowedValue: 'a' },
        'c',
        union.anyOf[0]!,
        '#/properties/kind/anyOf/0/const',
      ),
      ajvError(
        'const',
        'kind',
        { allowedValue: 'b' },
        'c',
        union.anyOf[1]!,
        '#/properties/kind/anyOf/1/const',
      ),
      ajvError('anyOf', 'kind', {}, 'c', union),
    ]

    const fields = toFieldErrors(errors)

    expect(fields).toEqual({ kind: ['Must be one of: a, b.'] })
  })

  it('answers a union once for each array item that fails it', () => {
    const union = { anyOf: [{ type: 'integer' }, { type: 'null' }] }
    const item = (index: number, keyword: string, type: string | undefined, schemaPath: string) => ({
      ...ajvError(keyword, 'ids', type ? { type } : {}, 'x', union, schemaPath),
      instancePath: `/ids/${index}`,
    })
    const errors = [0, 1].flatMap((index) => [
      item(index, 'type', 'integer', '#/properties/ids/items/anyOf/0/type'),
      item(index, 'type', 'null', '#/properties/ids/items/anyOf/1/type'),
      item(index, 'anyOf', undefined, '#/properties/ids/items/anyOf'),
    ])

    const fields = toFieldErrors(errors)

    expect(fields).toEqual({ 'ids.0': ['Not a valid integer.'], 'ids.1': ['Not a valid integer.'] })
  })

  it('names nested fields with dots and keeps every field', () => {
    const errors = [
      ajvError(
        'required',
        'settings',
        { missingProperty: 'timezone' },
        {},
        { type: 'object' },
        '#/properties/settings/required',
      ),
      { ...ajvError('type', 'tags', { type: 'string' }, 3, { type: 'string' }), instancePath: '/tags/1' },
      ajvError('minItems', 'ids', { limit: 1 }, [], { type: 'array', minItems: 1 }),
    ]

    const fields = toFieldErrors(errors)

    expect(fields).toEqual({
      'settings.timezone': ['Missing data for required field.'],
      'tags.1': ['Not a valid string.'],
      ids: ['Shorter than minimum length 1.'],
    })
  })
})

describe('validation errors through Fastify configured as the app', () => {
  let app: FastifyInstance

  afterEach(async () => app?.close())

  async function appWithSchema(): Promise<FastifyInstance> {
    const instance = Fastify({
      logger: false,
      ajv: { customOptions: AJV_OPTIONS },
    }).withTypeProvider<TypeBoxTypeProvider>()
    registerErrorHandling(instance)
    registerJsonBodies(instance)
    const body = Type.Object({
      project_id: Type.Integer(),
      name: Type.String({ maxLength: 5 }),
      billable: Type.Boolean(),
      rate: Type.Number({ minimum: 0, maximum: 1000 }),
      start_time: Type.String({ format: 'date-time' }),
      start_date: Type.String({ format: 'date' }),
      status: Type.Union([Type.Literal('active'), Type.Literal('archived')]),
      notes: Type.Union([Type.String(), Type.Null()]),
      task_id: Type.Optional(Type.Integer()),
    })
    instance.post('/things', { schema: { body } }, async () => ({ ok: true }))
    await instance.ready()
    return instance
  }

  it('answers 400 validation_error with every failing field at once', async () => {
    app = await appWithSchema()
    const payload = {
      name: 'far too long',
      billable: 'yes',
      rate: 1001,
      start_time: 'soon',
      start_date: '2024-13-45',
      status: 'gone',
      notes: 5,
      task_id: null,
      extra: 'ignored',
    }

    const response = await app.inject({ method: 'POST', url: '/things', payload })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Validation failed',
      message: 'Validation failed',
      error_code: 'validation_error',
      errors: {
        project_id: ['Missing data for required field.'],
        name: ['Longer than maximum length 5.'],
        billable: ['Not a valid boolean.'],
        rate: ['Must be greater than or equal to 0 and less than or equal to 1000.'],
        start_time: ['Not a valid datetime.'],
        start_date: ['Not a valid date.'],
        status: ['Must be one of: active, archived.'],
        notes: ['Not a valid string.'],
        task_id: ['Field may not be null.'],
      },
    })
  })

  it('lets a valid body through, unknown keys included', async () => {
    app = await appWithSchema()
    const payload = {
      project_id: 7,
      name: 'ok',
      billable: true,
      rate: 1,
      start_time: '2024-01-05T09:00:00Z',
      start_date: '2024-01-05',
      status: 'active',
      notes: null,
      kanban_column: 3,
    }

    const response = await app.inject({ method: 'POST', url: '/things', payload })

    expect(response.statusCode).toBe(200)
  })
})

describe('nested unions', () => {
  it('gives one message for a bad value of a nullable lenient integer', async () => {
    const app = Fastify({ ajv: { customOptions: AJV_OPTIONS } }).withTypeProvider<TypeBoxTypeProvider>()
    registerErrorHandling(app)
    registerJsonBodies(app)
    app.post(
      '/probe',
      { schema: { body: Type.Object({ project_id: Nullable(IntegerField()) }) } },
      () => ({}),
    )

    const response = await app.inject({ method: 'POST', url: '/probe', payload: { project_id: 'abc' } })

    expect(response.json().errors).toEqual({ project_id: ['Not a valid integer.'] })
    await app.close()
  })
})
