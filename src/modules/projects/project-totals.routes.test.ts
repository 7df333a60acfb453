import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { User } from '../users/user.types.js'

const PROJECTS = '/api/v1/projects'

describe.each(dialects)('project totals and money values on $name', ({ name }) => {
  let t: TestApp
  let user: User
  let token: string

  beforeEach(async () => {
    t = await buildTestApp({ dialect: name })
    user = await createUser(t.deps)
    token = await createToken(t.deps, user, ['read:projects'])
  })

  afterEach(async () => t?.close())

  /** A completed entry of `seconds` (or a running one) inserted straight into storage. */
  async function addEntry(
    projectId: number,
    seconds: number,
    options: { billable?: boolean; running?: boolean } = {},
  ) {
    const start = new Date('2025-01-14T08:00:00Z')
    await t.deps.database.db
      .insertInto('timeEntries')
      .values({
        userId: user.id,
        projectId,
        startTime: start,
        endTime: options.running ? null : new Date(start.getTime() + seconds * 1000),
        durationSeconds: options.running ? null : seconds,
        billable: options.billable ?? true,
        createdAt: start,
        updatedAt: start,
      })
      .execute()
  }

  async function getProject(id: number): Promise<Record<string, unknown>> {
    const response = await t.app.inject({ method: 'GET', url: `${PROJECTS}/${id}`, headers: bearer(token) })
    return response.json<{ project: Record<string, unknown> }>().project
  }

  it('sums completed entries in seconds and rounds the hours once, half up', async () => {
    const project = await createProject(t.deps, user, { hourlyRateCents: 10000 })
    await addEntry(project.id, 450)
    await addEntry(project.id, 900, { billable: false })
    await addEntry(project.id, 3600, { running: true })

    const json = await getProject(project.id)

    expect(json).toMatchObject({
      total_hours: 0.38,
      total_billable_hours: 0.13,
      hourly_rate: 100,
      estimated_cost: 13,
      budget_consumed_amount: 13,
      total_project_value: 13,
      total_costs: 0,
      total_billable_costs: 0,
    })
  })

  it('rounds computed money to cents exactly', async () => {
    const project = await createProject(t.deps, user, { hourlyRateCents: 3333 })
    await addEntry(project.id, 4500)

    const json = await getProject(project.id)

    expect(json).toMatchObject({
      total_billable_hours: 1.25,
      estimated_cost: 41.66,
      budget_consumed_amount: 41.66,
    })
  })

  it('has no estimated cost for a non-billable project or one without a rate, but consumes the client rate', async () => {
    const client = await createClient(t.deps, user, { defaultHourlyRateCents: 8500 })
    const noRate = await createProject(t.deps, user, { clientId: client.id })
    const notBillable = await createProject(t.deps, user, {
      clientId: client.id,
      billable: false,
      hourlyRateCents: 5000,
    })
    await addEntry(noRate.id, 7200)
    await addEntry(notBillable.id, 7200)

    const withoutRate = await getProject(noRate.id)
    const nonBillable = await getProject(notBillable.id)

    expect(withoutRate).toMatchObject({
      hourly_rate: null,
      estimated_cost: null,
      budget_consumed_amount: 170,
      total_project_value: 0,
    })
    expect(nonBillable).toMatchObject({
      estimated_cost: null,
      budget_consumed_amount: 100,
      total_project_value: 0,
    })
  })

  it('flags the budget once consumption reaches the threshold', async () => {
    const below = await createProject(t.deps, user, {
      hourlyRateCents: 10000,
      budgetAmountCents: 100000,
      budgetThresholdPercent: 80,
    })
    const atThreshold = await createProject(t.deps, user, {
      hourlyRateCents: 10000,
      budgetAmountCents: 100000,
      budgetThresholdPercent: 80,
    })
    const noBudget = await createProject(t.deps, user, { hourlyRateCents: 10000 })
    await addEntry(below.id, 28_764)
    await addEntry(atThreshold.id, 8 * 3600)
    await addEntry(noBudget.id, 100 * 3600)

    const results = await Promise.all([below, atThreshold, noBudget].map((p) => getProject(p.id)))

    expect(results.map((p) => p.budget_threshold_exceeded)).toEqual([false, true, false])
    expect(results[1]).toMatchObject({ budget_amount: 1000, budget_consumed_amount: 800 })
  })

  it('computes totals for a whole page of projects', async () => {
    const first = await createProject(t.deps, user, { name: 'First' })
    const second = await createProject(t.deps, user, { name: 'Second' })
    await addEntry(first.id, 3600)
    await addEntry(second.id, 1800)
    await addEntry(second.id, 1800, { billable: false })

    const response = await t.app.inject({ method: 'GET', url: PROJECTS, headers: bearer(token) })

    expect(
      response
        .json<{ projects: { total_hours: number; total_billable_hours: number }[] }>()
        .projects.map((p) => [p.total_hours, p.total_billable_hours]),
    ).toEqual([
      [1, 1],
      [1, 0.5],
    ])
  })
})
