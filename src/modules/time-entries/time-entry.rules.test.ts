import { describe, expect, it } from 'vitest'
import type { User } from '../users/user.types.js'
import { textChanges, timeChanges } from './time-entry-update.rules.js'
import {
  assertRequirements,
  completedDurationSeconds,
  isStaleCopy,
  liveWorkedSeconds,
  tagList,
  trimmedOrNull,
} from './time-entry.rules.js'
import type { TimeEntry } from './time-entry.types.js'

function owner(
  rounding: Partial<Pick<User, 'timeRoundingEnabled' | 'timeRoundingMinutes' | 'timeRoundingMethod'>> = {},
): User {
  return {
    id: 1,
    timeRoundingEnabled: true,
    timeRoundingMinutes: 1,
    timeRoundingMethod: 'nearest',
    ...rounding,
  } as User
}

const requirements = {
  timeEntryRequireTask: false,
  timeEntryRequireDescription: false,
  timeEntryDescriptionMinLength: 20,
}

function completedEntry(overrides: Partial<TimeEntry> = {}): TimeEntry {
  return {
    startTime: new Date('2025-01-10T09:00:00Z'),
    endTime: new Date('2025-01-10T10:00:00Z'),
    breakSeconds: 0,
    durationSeconds: 3600,
    ...overrides,
  } as TimeEntry
}

describe('time entry rules', () => {
  it('splits tags on commas, trims them and drops empty ones', () => {
    expect(tagList(' a, b ,,c,')).toEqual(['a', 'b', 'c'])
    expect(tagList(null)).toEqual([])
  })

  it('trims texts and turns empty ones into null', () => {
    expect(trimmedOrNull('  x ')).toBe('x')
    expect(trimmedOrNull('   ')).toBeNull()
    expect(trimmedOrNull(undefined)).toBeNull()
  })

  it('counts live time up to the pause, less breaks, never below zero', () => {
    const start = new Date('2025-01-10T09:00:00Z')
    const now = new Date('2025-01-10T10:00:00Z')

    expect(liveWorkedSeconds({ startTime: start, pausedAt: null, breakSeconds: 600 }, now)).toBe(3000)
    expect(
      liveWorkedSeconds(
        { startTime: start, pausedAt: new Date('2025-01-10T09:30:00Z'), breakSeconds: 0 },
        now,
      ),
    ).toBe(1800)
    expect(liveWorkedSeconds({ startTime: now, pausedAt: null, breakSeconds: 60 }, now)).toBe(0)
  })

  it("rounds a completed duration with the owner's preferences", () => {
    const start = new Date('2025-01-10T09:00:00Z')
    const end = new Date('2025-01-10T09:07:30Z')

    expect(completedDurationSeconds(start, end, 0, owner())).toBe(450)
    expect(completedDurationSeconds(start, end, 0, owner({ timeRoundingMinutes: 15 }))).toBe(900)
    expect(
      completedDurationSeconds(start, end, 0, owner({ timeRoundingMinutes: 15, timeRoundingEnabled: false })),
    ).toBe(450)
    expect(
      completedDurationSeconds(start, end, 0, owner({ timeRoundingMinutes: 15, timeRoundingMethod: 'down' })),
    ).toBe(0)
  })

  it('requires a task for project entries only when the setting is on', () => {
    const entry = { projectId: 1, taskId: null, notes: null }

    expect(() => assertRequirements(requirements, entry)).not.toThrow()
    expect(() => assertRequirements({ ...requirements, timeEntryRequireTask: true }, entry)).toThrow(
      expect.objectContaining({ code: 'task_required' }),
    )
    expect(() =>
      assertRequirements({ ...requirements, timeEntryRequireTask: true }, { ...entry, projectId: null }),
    ).not.toThrow()
  })

  it('requires a description of the minimum trimmed length when the setting is on', () => {
    const on = { ...requirements, timeEntryRequireDescription: true, timeEntryDescriptionMinLength: 5 }

    expect(() => assertRequirements(on, { projectId: 1, taskId: 2, notes: '   ' })).toThrow(
      expect.objectContaining({
        code: 'description_required',
        message: 'A description is required when logging time',
      }),
    )
    expect(() => assertRequirements(on, { projectId: 1, taskId: 2, notes: ' abcd ' })).toThrow(
      expect.objectContaining({
        code: 'description_too_short',
        message: 'Description must be at least 5 characters',
      }),
    )
    expect(() => assertRequirements(on, { projectId: 1, taskId: 2, notes: 'abcde' })).not.toThrow()
  })

  it('treats an if_updated_at more than two seconds off as a stale copy', () => {
    const updatedAt = new Date('2025-01-10T09:00:00Z')

    expect(isStaleCopy(updatedAt, new Date('2025-01-10T09:00:02Z'))).toBe(false)
    expect(isStaleCopy(updatedAt, new Date('2025-01-10T08:59:58Z'))).toBe(false)
    expect(isStaleCopy(updatedAt, new Date('2025-01-10T09:00:03Z'))).toBe(true)
  })

  it('recomputes the duration of a completed entry when its times or break change', () => {
    const changes = timeChanges(
      completedEntry(),
      { breakSeconds: -5, endTime: new Date('2025-01-10T11:00:00Z') },
      owner(),
    )

    expect(changes).toEqual({
      endTime: new Date('2025-01-10T11:00:00Z'),
      breakSeconds: 0,
      durationSeconds: 7200,
    })
    expect(timeChanges(completedEntry(), { breakSeconds: 600 }, owner())).toEqual({
      breakSeconds: 600,
      durationSeconds: 3000,
    })
    expect(timeChanges(completedEntry(), {}, owner())).toEqual({})
  })

  it('computes no duration for a running entry whose start moves', () => {
    const running = completedEntry({ endTime: null, durationSeconds: null })

    expect(timeChanges(running, { startTime: new Date('2025-01-10T08:00:00Z') }, owner())).toEqual({
      startTime: new Date('2025-01-10T08:00:00Z'),
    })
  })

  it('rejects an end at or before the start of a completed entry', () => {
    expect(() =>
      timeChanges(completedEntry(), { endTime: new Date('2025-01-10T09:00:00Z') }, owner()),
    ).toThrow(
      expect.objectContaining({ code: 'invalid_time_range', message: 'End time must be after start time' }),
    )
  })

  it('keeps notes as given, trims the invoice number and clears it when the entry becomes unpaid', () => {
    expect(textChanges({ notes: '', tags: ' a ', invoiceNumber: '  ' })).toEqual({
      notes: '',
      tags: ' a ',
      invoiceNumber: null,
    })
    expect(textChanges({ paid: false })).toEqual({ paid: false, invoiceNumber: null })
    expect(textChanges({ paid: true, invoiceNumber: ' INV-1 ' })).toEqual({
      paid: true,
      invoiceNumber: 'INV-1',
    })
  })
})
