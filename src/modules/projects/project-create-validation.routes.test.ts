import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { Client } from '../clients/client.types.js'
import type { User } from '../users/user.types.js'

const PROJECTS = '/api/v1/projects'

describe.each(dialects)('POST /api/v1/projects validation on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string
  let client: Client

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:projects', 'write:projects'])
    client = await createClient(t.deps, user, { name: 'Acme', defaultHourlyRateCents: 5000 })
  })

  afterEach(async () => t?.close())

  const post = (payload: unknown, as = token) =>
    t.app.inject({
      method: 'POST',
      url: PROJECTS,
      headers: bearer(as),
      payload: payload as Record<string, unknown>,
    })

  function expectValidationError(
    response: { statusCode: number; json(): any },
    errors: Record<string, string[]>,
    message = 'Validation failed',
  ) {
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: message,
      message,
      error_code: 'validation_error',
      errors,
    })
  }

  it.each([
    ['missing', {}],
    ['empty', { name: '' }],
    ['blank', { name: '   ' }],
    ['null', { name: null }],
  ])('refuses a %s name first, before any other check', async (_case, body) => {
    const response = await post({ ...body, client_id: 'not a number', hourly_rate: 'abc' })

    expectValidationError(response, { name: ['Project name is required'] }, 'Project name is required')
  })

  it('treats an absent body as empty', async () => {
    const response = await t.app.inject({ method: 'POST', url: PROJECTS, headers: bearer(token) })

    expectValidationError(response, { name: ['Project name is required'] }, 'Project name is required')
  })

  it('requires client_id', async () => {
    const response = await post({ name: 'No client' })

    expectValidationError(response, { client_id: ['Missing data for required field.'] })
  })

  it('reports every wrong field type at once with the standard messages', async () => {
    const response = await post({
      name: 5,
      client_id: 'abc',
      description: 7,
      billable: 'maybe',
      hourly_rate: 'ten',
      billing_ref: 'x'.repeat(101),
      code: false,
      estimated_hours: [],
      budget_amount: {},
      budget_threshold_percent: 'high',
      status: 'on_hold',
    })

    expectValidationError(response, {
      name: ['Not a valid string.'],
      client_id: ['Not a valid integer.'],
      description: ['Not a valid string.'],
      billable: ['Not a valid boolean.'],
      hourly_rate: ['Not a valid number.'],
      billing_ref: ['Longer than maximum length 100.'],
      code: ['Not a valid string.'],
      estimated_hours: ['Not a valid number.'],
      budget_amount: ['Not a valid number.'],
      budget_threshold_percent: ['Not a valid integer.'],
      status: ['Must be one of: active, inactive, archived.'],
    })
  })

  it('refuses null where a value is required', async () => {
    const response = await post({ name: 'Nulls', client_id: null, billable: null, status: null })

    expectValidationError(response, {
      client_id: ['Field may not be null.'],
      billable: ['Field may not be null.'],
      status: ['Field may not be null.'],
    })
  })

  it('checks lengths after trimming and values out of range', async () => {
    const response = await post({
      name: ` ${'n'.repeat(201)} `,
      client_id: client.id,
      code: 'c'.repeat(21),
      hourly_rate: -1,
      budget_amount: '100000000',
      estimated_hours: -2,
      budget_threshold_percent: 101,
    })

    expectValidationError(response, {
      name: ['Longer than maximum length 200.'],
      code: ['Longer than maximum length 20.'],
      hourly_rate: ['Must be greater than or equal to 0 and less than or equal to 9999999.99.'],
      budget_amount: ['Must be greater than or equal to 0 and less than or equal to 99999999.99.'],
      estimated_hours: ['Must be greater than or equal to 0 and less than or equal to 1000000.'],
      budget_threshold_percent: ['Must be greater than or equal to 0 and less than or equal to 100.'],
    })
  })

  it('accepts a name of 200 characters once trimmed', async () => {
    const response = await post({ name: `  ${'n'.repeat(200)}  `, client_id: client.id })

    expect(response.statusCode).toBe(201)
  })
})
