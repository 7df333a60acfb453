import { describe, expect, it } from 'vitest'
import { formatWallClock } from '../../lib/iso-dates.js'
import { SeededRandom } from '../../lib/seeded-random.js'
import { planCatalog } from './seed-catalog.rules.js'
import { seedCalendar } from './seed-calendar.rules.js'
import { planEntries, runningTimerCount } from './seed-entries.rules.js'
import type { PlannedEntry } from './seed.types.js'

const END = { year: 2026, month: 3, day: 2 }

function plan(users: number, projects: number, entries: number, timeZone = 'UTC') {
  const catalog = planCatalog(users, projects, 7)
  const calendar = seedCalendar(END, timeZone)
  return { catalog, calendar, entries: [...planEntries(catalog, calendar, entries)] }
}

function overlapping(entries: PlannedEntry[]): PlannedEntry[] {
  const completed = entries.filter((e) => e.end !== null).sort((a, b) => a.user - b.user || a.start - b.start)
  return completed.filter((entry, index) => {
    const next = completed[index + 1]
    return next !== undefined && next.user === entry.user && next.start < (entry.end as number)
  })
}

describe('seeded random numbers', () => {
  it('repeat exactly for the same seed and stay within their bounds', () => {
    const first = new SeededRandom(42)
    const second = new SeededRandom(42)

    const draws = Array.from({ length: 1000 }, () => first.integer(3, 9))

    expect(draws).toEqual(Array.from({ length: 1000 }, () => second.integer(3, 9)))
    expect(Math.min(...draws)).toBe(3)
    expect(Math.max(...draws)).toBe(9)
    expect(new SeededRandom(7).sample([1, 2, 3, 4, 5], 3)).toHaveLength(3)
  })
})

describe('the seed calendar', () => {
  it('holds the weekdays of the two years before the end date, oldest first', () => {
    const calendar = seedCalendar(END, 'UTC')

    expect(calendar.days[0]).toEqual({ year: 2024, month: 3, day: 4 })
    expect(calendar.days.at(-1)).toEqual({ year: 2026, month: 2, day: 27 })
    expect(calendar.days).toHaveLength(520)
    expect(calendar.midnights.every((m) => ![0, 6].includes(new Date(m * 1000).getUTCDay()))).toBe(true)
    expect(calendar.createdAt).toBeLessThan(calendar.midnights[0]!)
  })
})

describe('the seed catalog', () => {
  it('is the same for the same counts', () => {
    expect(planCatalog(12, 30, 7)).toEqual(planCatalog(12, 30, 7))
  })

  it('names users user1…N, clients and project codes uniquely, and projects uniquely per client', () => {
    const catalog = planCatalog(25, 2_000, 7)

    expect(catalog.users.map((u) => u.username)).toEqual(Array.from({ length: 25 }, (_, i) => `user${i + 1}`))
    expect(catalog.users.filter((u) => u.role === 'manager').map((u) => u.username)).toEqual([
      'user10',
      'user20',
    ])
    expect(new Set(catalog.clients.map((c) => c.name)).size).toBe(500)
    expect(new Set(catalog.projects.map((p) => p.code)).size).toBe(2_000)
    expect(new Set(catalog.projects.map((p) => `${p.client}/${p.name}`)).size).toBe(2_000)
    expect(new Set(catalog.tasks.map((t) => `${t.project}/${t.name}`)).size).toBe(catalog.tasks.length)
  })

  it('makes every user work on at least one project, the creator always a member', () => {
    const catalog = planCatalog(40, 3, 7)

    for (let user = 0; user < 40; user += 1) {
      expect(catalog.projects.some((p) => p.members.includes(user))).toBe(true)
    }
    expect(catalog.projects.every((p) => p.members.includes(p.creator))).toBe(true)
  })
})

describe('the seeded entries', () => {
  it('are as many as asked for, a few of them running timers, and the same for the same request', () => {
    const { entries } = plan(40, 10, 5_000)

    expect(entries).toHaveLength(5_000)
    expect(entries.filter((e) => e.end === null)).toHaveLength(2)
    expect(plan(40, 10, 5_000).entries).toEqual(entries)
  })

  it('never overlap for one user, even with hundreds a day', () => {
    const { entries } = plan(2, 3, 200_000)

    expect(overlapping(entries)).toEqual([])
    expect(entries.every((e) => e.end === null || e.end > e.start)).toBe(true)
  })

  it('lie between 08:00 and 18:00 local time on weekdays, in the app timezone', () => {
    const { entries } = plan(5, 5, 3_000, 'Europe/Berlin')

    for (const entry of entries.filter((e) => e.end !== null)) {
      const start = formatWallClock(new Date(entry.start * 1000), 'Europe/Berlin')
      const end = formatWallClock(new Date((entry.end as number) * 1000), 'Europe/Berlin')
      expect(start.slice(11) >= '08:00:00' && end.slice(11) <= '18:00:00').toBe(true)
      expect(start.slice(0, 10)).toBe(end.slice(0, 10))
    }
  })

  it('store the duration net of breaks, and bill, tag and describe only some entries', () => {
    const { entries } = plan(10, 10, 10_000)
    const completed = entries.filter((e) => e.end !== null)

    expect(completed.every((e) => e.durationSeconds === (e.end as number) - e.start - e.breakSeconds)).toBe(
      true,
    )
    const share = (test: (e: PlannedEntry) => boolean) => completed.filter(test).length / completed.length
    expect(share((e) => e.billable)).toBeGreaterThan(0.5)
    expect(share((e) => e.billable)).toBeLessThan(0.95)
    expect(share((e) => e.tags !== null)).toBeGreaterThan(0.2)
    expect(share((e) => e.notes === null)).toBeGreaterThan(0.05)
    expect(completed.filter((e) => e.paid).every((e) => e.billable && e.invoiceNumber !== null)).toBe(true)
  })

  it('start one timer per twenty users, at least one when there are entries', () => {
    expect([runningTimerCount(1, 0), runningTimerCount(3, 200), runningTimerCount(100, 10)]).toEqual([
      0, 1, 5,
    ])
    expect(runningTimerCount(100, 3)).toBe(3)
  })
})
