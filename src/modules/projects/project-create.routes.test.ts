import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { Client } from '../clients/client.types.js'
import type { User } from '../users/user.types.js'

const PROJECTS = '/api/v1/projects'

describe.each(dialects)('POST /api/v1/projects on $name', ({ name }) => {
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

  async function projectCount(): Promise<number> {
    const row = await t.deps.database.db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  it('creates a project with the defaults and answers the full serialized project', async () => {
    const response = await post({ name: '  Website Redesign ', client_id: client.id })

    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toEqual({
      message: 'Project created successfully',
      project: {
        id: expect.any(Number),
        name: 'Website Redesign',
        code: null,
        code_display: 'WEBS',
        client_id: client.id,
        client: 'Acme',
        client_name: 'Acme',
        description: null,
        billable: true,
        hourly_rate: null,
        billing_ref: null,
        status: 'active',
        estimated_hours: null,
        budget_amount: null,
        budget_threshold_percent: 80,
        created_at: '2025-01-15T10:00:00',
        updated_at: '2025-01-15T10:00:00',
        total_hours: 0,
        total_billable_hours: 0,
        estimated_cost: null,
        budget_consumed_amount: 0,
        budget_threshold_exceeded: false,
        total_costs: 0,
        total_billable_costs: 0,
        total_project_value: 0,
        custom_fields: {},
        is_archived: false,
        archived_at: null,
        archived_by: null,
        archived_reason: null,
        color: null,
      },
    })
    const stored = await t.deps.database.db
      .selectFrom('projects')
      .select(['createdBy'])
      .where('id', '=', body.project.id)
      .executeTakeFirstOrThrow()
    expect(stored.createdBy).toBe(user.id)
  })

  it('stores every optional field, normalized', async () => {
    const response = await post({
      name: 'Mobile',
      client_id: String(client.id),
      description: '  An app  ',
      billable: 'no',
      hourly_rate: '75.005',
      billing_ref: 'PO-1',
      code: '  mob1 ',
      estimated_hours: 120.5,
      budget_amount: 10000,
      budget_threshold_percent: '90',
      status: 'inactive',
    })

    expect(response.statusCode).toBe(201)
    expect(response.json().project).toMatchObject({
      name: 'Mobile',
      description: 'An app',
      billable: false,
      hourly_rate: 75.01,
      billing_ref: 'PO-1',
      code: 'MOB1',
      code_display: 'MOB1',
      estimated_hours: 120.5,
      budget_amount: 10000,
      budget_threshold_percent: 90,
      status: 'inactive',
    })
  })

  it('quantizes money half up on the exact decimal, never through a float', async () => {
    const response = await post({
      name: 'Rates',
      client_id: client.id,
      hourly_rate: 12.345,
      budget_amount: '1.005',
    })

    expect(response.json().project).toMatchObject({ hourly_rate: 12.35, budget_amount: 1.01 })
    const stored = await t.deps.database.db
      .selectFrom('projects')
      .select(['hourlyRateCents', 'budgetAmountCents'])
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ hourlyRateCents: 1235, budgetAmountCents: 101 })
  })

  it('stores a zero rate, a zero budget and an empty code as unset, and a zero threshold as 80', async () => {
    const response = await post({
      name: 'Zeroes',
      client_id: client.id,
      hourly_rate: '0.00',
      budget_amount: 0,
      code: '   ',
      budget_threshold_percent: 0,
      description: '  ',
    })

    expect(response.json().project).toMatchObject({
      hourly_rate: null,
      budget_amount: null,
      code: null,
      budget_threshold_percent: 80,
      description: null,
    })
  })

  it('archives a project created with status archived', async () => {
    const response = await post({ name: 'Old', client_id: client.id, status: 'archived' })

    expect(response.json().project).toMatchObject({
      status: 'archived',
      is_archived: true,
      archived_at: '2025-01-15T10:00:00',
      archived_by: user.id,
      archived_reason: null,
    })
  })

  it.each([999999, -3, '2147483648'])('refuses the unknown client %s', async (clientId) => {
    const response = await post({ name: 'Orphan', client_id: clientId })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Invalid client',
      message: 'Invalid client',
      error_code: 'invalid_client',
    })
  })

  it('refuses a name already used by a project of the same client, exactly', async () => {
    await createProject(t.deps, user, { clientId: client.id, name: 'Website' })

    const duplicate = await post({ name: ' Website ', client_id: client.id })
    const otherCase = await post({ name: 'website', client_id: client.id })

    expect(duplicate.statusCode).toBe(400)
    expect(duplicate.json()).toEqual({
      success: false,
      error: 'A project with this name already exists for this client',
      message: 'A project with this name already exists for this client',
      error_code: 'duplicate_project',
    })
    expect(otherCase.statusCode).toBe(201)
  })

  it('allows the same name for another client', async () => {
    await createProject(t.deps, user, { clientId: client.id, name: 'Website' })
    const other = await createClient(t.deps, user)

    const response = await post({ name: 'Website', client_id: other.id })

    expect(response.statusCode).toBe(201)
  })

  it('refuses a code used by any project, compared after upper-casing', async () => {
    const other = await createClient(t.deps, null)
    await createProject(t.deps, null, { clientId: other.id, code: 'WEB' })

    const response = await post({ name: 'Site', client_id: client.id, code: ' web ' })

    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      success: false,
      error: 'Project code already in use',
      message: 'Project code already in use',
      error_code: 'duplicate_code',
    })
  })

  it('checks the client before duplicates, and the name before the code', async () => {
    await createProject(t.deps, user, { clientId: client.id, name: 'Taken', code: 'TAKEN' })

    const unknownClient = await post({ name: 'Taken', client_id: 999999, code: 'TAKEN' })
    const bothTaken = await post({ name: 'Taken', client_id: client.id, code: 'TAKEN' })

    expect(unknownClient.json().error_code).toBe('invalid_client')
    expect(bothTaken.json().error_code).toBe('duplicate_project')
  })

  it('writes nothing when a request fails', async () => {
    await createProject(t.deps, user, { clientId: client.id, name: 'Taken', code: 'TAKEN' })

    await post({ name: '', client_id: client.id })
    await post({ name: 'Bad', client_id: 'x' })
    await post({ name: 'Bad', client_id: 999999 })
    await post({ name: 'Taken', client_id: client.id })
    await post({ name: 'Fresh', client_id: client.id, code: 'taken' })

    expect(await projectCount()).toBe(1)
  })

  it('keeps names and codes unique under concurrent requests', async () => {
    const sameName = await Promise.all(
      Array.from({ length: 6 }, () => post({ name: 'Race', client_id: client.id })),
    )
    const sameCode = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post({ name: `Coded ${i}`, client_id: client.id, code: 'RACE' })),
    )

    expect(sameName.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(
      sameName.filter((r) => r.statusCode === 400).map((r) => r.json<{ error_code: string }>().error_code),
    ).toEqual(Array(5).fill('duplicate_project'))
    expect(sameCode.filter((r) => r.statusCode === 201)).toHaveLength(1)
    expect(
      sameCode.filter((r) => r.statusCode === 400).map((r) => r.json<{ error_code: string }>().error_code),
    ).toEqual(Array(5).fill('duplicate_code'))
  })

  it('lets a user attach a project to a client they cannot see', async () => {
    const foreign = await createClient(t.deps, await createUser(t.deps))

    const response = await post({ name: 'Attached', client_id: foreign.id })

    expect(response.statusCode).toBe(201)
    expect(response.json().project.client).toBe(foreign.name)
  })

  it.each(['admin', 'manager', 'user', 'subcontractor'])('lets a %s create projects', async (role) => {
    const creator = await createUser(t.deps, { role })

    const response = await post(
      { name: `By ${role}`, client_id: client.id },
      await createToken(t.deps, creator, ['write:projects']),
    )

    expect(response.statusCode).toBe(201)
  })

  it('refuses a viewer and writes nothing', async () => {
    const viewer = await createUser(t.deps, { role: 'viewer' })

    const response = await post(
      { name: 'Viewer project', client_id: client.id },
      await createToken(t.deps, viewer, ['write:projects']),
    )

    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({
      success: false,
      error: 'Insufficient permissions',
      message: 'Insufficient permissions',
      error_code: 'forbidden',
    })
    expect(await projectCount()).toBe(0)
  })

  it('requires the write:projects scope', async () => {
    const response = await post(
      { name: 'Scoped', client_id: client.id },
      await createToken(t.deps, user, ['read:projects']),
    )

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:projects' })
  })

  it('ignores unknown keys', async () => {
    const response = await post({ name: 'Extra', client_id: client.id, kanban_column: 'x', color: '#ffffff' })

    expect(response.statusCode).toBe(201)
    expect(response.json().project.color).toBeNull()
  })
})
