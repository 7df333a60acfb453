import { describe, expect, it } from 'vitest'
import { AppError } from '../../errors.js'
import { projectFinancials } from './project-financials.rules.js'
import { archiveFieldsForStatus, codeDisplay, toProjectChanges } from './project.rules.js'

function validationErrors(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, errors: error.options.errors }
    throw error
  }
  throw new Error('expected a validation error')
}

describe('toProjectChanges', () => {
  it('keeps only the keys present and normalizes them', () => {
    const changes = toProjectChanges(
      { name: ' Site ', code: ' ab ', description: '  ', hourlyRate: '10.005', budgetThresholdPercent: 0 },
      false,
    )

    expect(changes).toEqual({
      name: 'Site',
      code: 'AB',
      description: null,
      hourlyRateCents: 1001,
      budgetThresholdPercent: 80,
    })
  })

  it('requires a name on creation only', () => {
    expect(validationErrors(() => toProjectChanges({ clientId: 1 }, true))).toEqual({
      message: 'Project name is required',
      errors: { name: ['Project name is required'] },
    })
    expect(toProjectChanges({ clientId: 1 }, false)).toEqual({ clientId: 1 })
  })

  it('counts characters, not UTF-16 units, and upper-cases codes before measuring them', () => {
    expect(toProjectChanges({ name: '😀'.repeat(200) }, false).name).toHaveLength(400)
    expect(validationErrors(() => toProjectChanges({ code: 'ß'.repeat(11) }, false))).toEqual({
      message: 'Validation failed',
      errors: { code: ['Longer than maximum length 20.'] },
    })
  })

  it('reads a null threshold as the default', () => {
    expect(toProjectChanges({ budgetThresholdPercent: null }, false)).toEqual({ budgetThresholdPercent: 80 })
  })
})

describe('archiveFieldsForStatus', () => {
  const now = new Date('2025-01-15T10:00:00Z')

  it('stamps entering archived, clears leaving it, and leaves other changes alone', () => {
    expect(archiveFieldsForStatus('active', 'archived', 7, now)).toEqual({
      archivedAt: now,
      archivedBy: 7,
      archivedReason: null,
    })
    expect(archiveFieldsForStatus('archived', 'inactive', 7, now)).toEqual({
      archivedAt: null,
      archivedBy: null,
      archivedReason: null,
    })
    expect(archiveFieldsForStatus('archived', 'archived', 7, now)).toBeUndefined()
    expect(archiveFieldsForStatus('active', 'inactive', 7, now)).toBeUndefined()
    expect(archiveFieldsForStatus('active', undefined, 7, now)).toBeUndefined()
  })
})

describe('codeDisplay', () => {
  it.each([
    [{ code: 'WEB', name: 'Website' }, 'WEB'],
    [{ code: null, name: 'web site redesign' }, 'WEBS'],
    [{ code: null, name: 'ab' }, 'AB'],
    [{ code: null, name: '' }, ''],
    [{ code: null, name: '😀 x y z' }, '😀XYZ'],
  ])('shows %j as %j', (project, expected) => {
    expect(codeDisplay(project)).toBe(expected)
  })
})

describe('projectFinancials', () => {
  const project = {
    billable: true,
    hourlyRateCents: 10000,
    budgetAmountCents: null,
    budgetThresholdPercent: 80,
  }

  it('multiplies the round2-ed billable hours by the rate and rounds to cents half up', () => {
    const result = projectFinancials({ ...project, hourlyRateCents: 3333 }, null, {
      totalSeconds: 5400,
      billableSeconds: 4500,
    })

    expect(result).toEqual({
      totalHours: 1.5,
      totalBillableHours: 1.25,
      estimatedCostCents: 4166,
      budgetConsumedCents: 4166,
      budgetThresholdExceeded: false,
    })
  })

  it('falls back to the client rate for consumption only', () => {
    const result = projectFinancials({ ...project, hourlyRateCents: null }, 8500, {
      totalSeconds: 3600,
      billableSeconds: 3600,
    })

    expect(result).toMatchObject({ estimatedCostCents: null, budgetConsumedCents: 8500 })
  })

  it('has no estimated cost when nothing is billable yet', () => {
    expect(
      projectFinancials(project, null, { totalSeconds: 0, billableSeconds: 0 }).estimatedCostCents,
    ).toBeNull()
  })

  it('compares consumption with the threshold exactly', () => {
    const budget = { ...project, budgetAmountCents: 100000, budgetThresholdPercent: 80 }

    expect(
      projectFinancials(budget, null, { totalSeconds: 28800, billableSeconds: 28800 })
        .budgetThresholdExceeded,
    ).toBe(true)
    expect(
      projectFinancials(budget, null, { totalSeconds: 28763, billableSeconds: 28763 })
        .budgetThresholdExceeded,
    ).toBe(false)
  })
})
