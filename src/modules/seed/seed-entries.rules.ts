import { mixSeed, SeededRandom } from '../../lib/seeded-random.js'
import type { PlannedEntry, SeedCalendar, SeedCatalog } from './seed.types.js'
import { NOTE_OBJECTS, NOTE_VERBS, TAGS } from './seed-words.js'

/** Above this a working day would need entries shorter than about three minutes. */
export const MAX_ENTRIES_PER_USER = 100_000

const ENTRY_STREAM = 100
const HOUR = 3600
/** Entries older than this (before the last day) are mostly paid. */
const PAID_AFTER_SECONDS = 60 * 86_400

/** About one user in twenty has a timer running, at least one when there are entries at all. */
export function runningTimerCount(users: number, entries: number): number {
  if (entries === 0) return 0
  return Math.min(users, entries, Math.max(1, Math.round(users / 20)))
}

/** The users (by position) who have a timer running: spread evenly, the first one always among them. */
export function timerUsers(users: number, running: number): number[] {
  return Array.from({ length: running }, (_, index) => Math.floor((index * users) / running))
}

/** Completed entries per user: an even share, the remainder going to the first users. */
export function completedPerUser(users: number, completed: number): number[] {
  return Array.from(
    { length: users },
    (_, user) => Math.floor(completed / users) + (user < completed % users ? 1 : 0),
  )
}

/** Per working day, how many entries the user has: an even spread, the extra ones on random days. */
function dayCounts(entries: number, days: number, random: SeededRandom): Uint16Array {
  const counts = new Uint16Array(days).fill(Math.floor(entries / days))
  const dayIndexes = Array.from({ length: days }, (_, index) => index)
  for (const day of random.sample(dayIndexes, entries % days)) counts[day] = (counts[day] as number) + 1
  return counts
}

/** What one user works on: their projects (most worked on first) and those projects' tasks. */
interface Workspace {
  projects: number[]
  /** Cumulative weights of `projects` (1, 1/2, 1/3 …), for picking. */
  weights: number[]
  tasksByProject: Map<number, number[]>
}

function workspaces(catalog: SeedCatalog): Workspace[] {
  const tasksByProject = new Map<number, number[]>()
  catalog.tasks.forEach((task, index) => {
    tasksByProject.set(task.project, [...(tasksByProject.get(task.project) ?? []), index])
  })
  const projectsOf = catalog.users.map((): number[] => [])
  catalog.projects.forEach((project, index) =>
    project.members.forEach((user) => projectsOf[user]?.push(index)),
  )
  return projectsOf.map((projects, user) => {
    const rotated = projects.map((_, i) => projects[(i + user) % projects.length] as number)
    let total = 0
    return { projects: rotated, weights: rotated.map((_, i) => (total += 1 / (i + 1))), tasksByProject }
  })
}

/** A project by its weight: the first whose cumulative weight exceeds the roll (binary search). */
function pickProject({ projects, weights }: Workspace, random: SeededRandom): number {
  const roll = random.next() * (weights.at(-1) ?? 0)
  let low = 0
  let high = weights.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if (roll < (weights[middle] as number)) high = middle
    else low = middle + 1
  }
  return projects[low] as number
}

function notes(random: SeededRandom): string | null {
  if (!random.chance(0.85)) return null
  const text = `${random.pick(NOTE_VERBS)} ${random.pick(NOTE_OBJECTS)}`
  return random.chance(0.2) ? `${text} (#${random.integer(100, 999)})` : text
}

function tags(random: SeededRandom): string | null {
  if (!random.chance(0.3)) return null
  return random.sample(TAGS, random.integer(1, 2)).join(', ')
}

/** Everything about an entry but its time: project or client, task, texts and billing. */
function describeEntry(catalog: SeedCatalog, workspace: Workspace, random: SeededRandom) {
  const chosen = pickProject(workspace, random)
  const project = catalog.projects[chosen]
  const clientOnly = random.chance(0.02)
  const tasks = workspace.tasksByProject.get(chosen) ?? []
  return {
    project: clientOnly ? null : chosen,
    client: clientOnly ? (project?.client ?? 0) : null,
    task: !clientOnly && tasks.length > 0 && random.chance(0.75) ? random.pick(tasks) : null,
    notes: notes(random),
    tags: tags(random),
    source: random.chance(0.4) ? ('auto' as const) : ('manual' as const),
    billable: clientOnly ? random.chance(0.7) : (project?.billable ?? false) && random.chance(0.9),
    clientOfInvoice: project?.client ?? 0,
  }
}

/** Start and end of `count` entries of one day: an equal slot each, between about 08:00 and 18:00. */
function entryTimes(random: SeededRandom, midnight: number, count: number): Array<[number, number]> {
  const windowStart = 8 * HOUR + random.integer(0, 45) * 60
  const windowEnd = 18 * HOUR - random.integer(0, 30) * 60
  const slot = Math.floor((windowEnd - windowStart) / count)
  const wholeMinutes = slot >= 600
  return Array.from({ length: count }, (_, index) => {
    let duration = Math.floor(slot * (0.55 + random.next() * 0.4))
    let offset = random.integer(0, slot - duration - 1)
    if (wholeMinutes) {
      duration = Math.max(60, duration - (duration % 60))
      offset -= offset % 60
    }
    const start = midnight + windowStart + index * slot + offset
    return [start, start + duration]
  })
}

function invoiceNumber(start: number, client: number): string {
  const date = new Date(start * 1000)
  const month = String(date.getUTCMonth() + 1).padStart(2, '0')
  return `INV-${date.getUTCFullYear()}${month}-${String(client + 1).padStart(3, '0')}`
}

function completedEntry(
  user: number,
  [start, end]: [number, number],
  description: ReturnType<typeof describeEntry>,
  random: SeededRandom,
  isOld: boolean,
): PlannedEntry {
  const breakSeconds = end - start >= HOUR && random.chance(0.15) ? random.integer(1, 3) * 300 : 0
  const paid = description.billable && isOld && random.chance(0.75)
  // Written out field by field: rest and spread copies made up a sixth of a million-entry seed.
  return {
    user,
    project: description.project,
    client: description.client,
    task: description.task,
    start,
    end,
    breakSeconds,
    durationSeconds: end - start - breakSeconds,
    notes: description.notes,
    tags: description.tags,
    source: description.source,
    billable: description.billable,
    paid,
    invoiceNumber: paid ? invoiceNumber(start, description.clientOfInvoice) : null,
  }
}

/** A timer started on the evening of the last working day, on the user's first active project. */
function runningEntry(catalog: SeedCatalog, workspace: Workspace, user: number, calendar: SeedCalendar) {
  const random = new SeededRandom(mixSeed(catalog.seed, ENTRY_STREAM, user, 1))
  const active = workspace.projects.find((project) => catalog.projects[project]?.status === 'active')
  const fallbackClient = catalog.projects[workspace.projects[0] ?? 0]?.client ?? 0
  const start = (calendar.midnights.at(-1) ?? calendar.createdAt) + 18.5 * HOUR + random.integer(0, 90) * 60
  return {
    user,
    project: active ?? null,
    client: active === undefined ? fallbackClient : null,
    task: null,
    start,
    end: null,
    breakSeconds: 0,
    durationSeconds: null,
    notes: notes(random),
    tags: null,
    source: 'auto',
    billable: active === undefined || (catalog.projects[active]?.billable ?? false),
    paid: false,
    invoiceNumber: null,
  } satisfies PlannedEntry
}

/**
 * The time entries, oldest day first and, within a day, user by user: working hours only,
 * never overlapping for a user, then the running timers. Each user draws from a stream of
 * their own, so the same request always gives the same entries.
 */
export function* planEntries(
  catalog: SeedCatalog,
  calendar: SeedCalendar,
  entries: number,
): Generator<PlannedEntry> {
  const users = catalog.users.length
  const running = runningTimerCount(users, entries)
  const randoms = catalog.users.map((_, user) => new SeededRandom(mixSeed(catalog.seed, ENTRY_STREAM, user)))
  const perUser = completedPerUser(users, entries - running)
  const counts = perUser.map((total, user) =>
    dayCounts(total, calendar.days.length, randoms[user] as SeededRandom),
  )
  const spaces = workspaces(catalog)
  const lastMidnight = calendar.midnights.at(-1) ?? 0
  for (const [day, midnight] of calendar.midnights.entries()) {
    const isOld = lastMidnight - midnight > PAID_AFTER_SECONDS
    for (let user = 0; user < users; user += 1) {
      const count = counts[user]?.[day] ?? 0
      if (count === 0) continue
      const random = randoms[user] as SeededRandom
      for (const times of entryTimes(random, midnight, count)) {
        const description = describeEntry(catalog, spaces[user] as Workspace, random)
        yield completedEntry(user, times, description, random, isOld)
      }
    }
  }
  for (const user of timerUsers(users, running))
    yield runningEntry(catalog, spaces[user] as Workspace, user, calendar)
}
