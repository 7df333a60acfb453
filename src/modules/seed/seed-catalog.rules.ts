import { mixSeed, SeededRandom } from '../../lib/seeded-random.js'
import { TASK_PRIORITIES, TASK_STATUSES } from '../tasks/task.types.js'
import type { PlannedClient, PlannedProject, PlannedTask, PlannedUser, SeedCatalog } from './seed.types.js'
import {
  CITIES,
  CLIENT_FIRST_WORDS,
  CLIENT_SECOND_WORDS,
  CLIENT_SUFFIXES,
  FIRST_NAMES,
  LAST_NAMES,
  PROJECT_COLORS,
  PROJECT_KINDS,
  STREETS,
  TASK_NAMES,
} from './seed-words.js'

/** Separate streams for each part, so growing one part leaves the others as they were. */
const STREAM = { clients: 1, projects: 2, members: 3, tasks: 4 } as const

/** Four projects per client, rounded up. */
export function clientCount(projects: number): number {
  return Math.max(1, Math.ceil(projects / 4))
}

/** `user1` … `userN`; every tenth is a manager, the rest have the `user` role. */
export function planUsers(count: number): PlannedUser[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1
    const first = FIRST_NAMES[index % FIRST_NAMES.length] as string
    const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] as string
    return {
      username: `user${number}`,
      email: `user${number}@example.com`,
      fullName: `${first} ${last}`,
      role: number % 10 === 0 ? 'manager' : 'user',
    }
  })
}

/** A name unique for every index: word combinations first, then numbered. */
function clientName(index: number): string {
  const firsts = CLIENT_FIRST_WORDS.length
  const seconds = CLIENT_SECOND_WORDS.length
  const first = CLIENT_FIRST_WORDS[index % firsts] as string
  const second = CLIENT_SECOND_WORDS[Math.floor(index / firsts) % seconds] as string
  const suffix = CLIENT_SUFFIXES[Math.floor(index / (firsts * seconds)) % CLIENT_SUFFIXES.length] as string
  const round = Math.floor(index / (firsts * seconds * CLIENT_SUFFIXES.length))
  return `${first} ${second} ${suffix}${round > 0 ? ` ${round + 1}` : ''}`
}

function planClients(count: number, users: number, random: SeededRandom): PlannedClient[] {
  return Array.from({ length: count }, (_, index) => {
    const name = clientName(index)
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
    return {
      name,
      contactPerson: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
      email: `billing@${slug}.example`,
      phone: `+49 30 ${random.integer(1000000, 9999999)}`,
      address: `${random.integer(1, 120)} ${random.pick(STREETS)}, ${random.pick(CITIES)}`,
      defaultHourlyRateCents: random.integer(60, 150) * 100,
      creator: index % users,
    }
  })
}

/** The n-th project of a client: kinds first, then numbered rounds, so names stay unique per client. */
function projectName(round: number): string {
  const kind = PROJECT_KINDS[round % PROJECT_KINDS.length] as string
  const cycle = Math.floor(round / PROJECT_KINDS.length)
  return cycle === 0 ? kind : `${kind} ${cycle + 1}`
}

function projectStatus(index: number, random: SeededRandom): PlannedProject['status'] {
  if (index === 0) return 'active'
  const roll = random.next()
  return roll < 0.85 ? 'active' : roll < 0.93 ? 'inactive' : 'archived'
}

function planProject(index: number, clients: number, users: number, random: SeededRandom): PlannedProject {
  const billable = random.chance(0.8)
  const hourlyRateCents = billable ? random.integer(50, 180) * 100 : null
  const estimatedHours = random.chance(0.7) ? random.integer(4, 80) * 10 : null
  const name = projectName(Math.floor(index / clients))
  return {
    name,
    code: `P${String(index + 1).padStart(5, '0')}`,
    client: index % clients,
    description: `${name} for ${clientName(index % clients)}`,
    billable,
    hourlyRateCents,
    status: projectStatus(index, random),
    estimatedHours,
    budgetAmountCents:
      estimatedHours !== null && hourlyRateCents !== null && random.chance(0.5)
        ? estimatedHours * hourlyRateCents
        : null,
    color: random.pick(PROJECT_COLORS),
    creator: index % users,
    members: [],
  }
}

/** Creator plus up to four colleagues; every user works on at least one project. */
function assignMembers(projects: PlannedProject[], users: number, random: SeededRandom): void {
  for (const project of projects) {
    const members = new Set([project.creator])
    const colleagues = random.integer(0, 4)
    for (let pick = 0; pick < colleagues; pick += 1) members.add(random.integer(0, users - 1))
    project.members = [...members]
  }
  for (let user = 0; user < users; user += 1) {
    const project = projects[user % projects.length] as PlannedProject
    if (!project.members.includes(user)) project.members.push(user)
  }
  for (const project of projects) project.members.sort((a, b) => a - b)
}

function planTasks(projects: PlannedProject[], random: SeededRandom): PlannedTask[] {
  return projects.flatMap((project, index) =>
    random.sample(TASK_NAMES, random.integer(0, 6)).map((name) => ({
      project: index,
      name,
      status: random.pick(TASK_STATUSES),
      priority: random.pick(TASK_PRIORITIES),
      estimatedHours: random.chance(0.6) ? random.integer(2, 40) : null,
      assignee: random.chance(0.7) ? random.pick(project.members) : null,
      creator: project.creator,
    })),
  )
}

/** Users, clients, projects with their members, and tasks: the same counts always give the same catalog. */
export function planCatalog(users: number, projects: number, seed: number): SeedCatalog {
  const clients = clientCount(projects)
  const stream = (part: number) => new SeededRandom(mixSeed(seed, part))
  const projectRandom = stream(STREAM.projects)
  const plannedProjects = Array.from({ length: projects }, (_, index) =>
    planProject(index, clients, users, projectRandom),
  )
  assignMembers(plannedProjects, users, stream(STREAM.members))
  return {
    seed,
    users: planUsers(users),
    clients: planClients(clients, users, stream(STREAM.clients)),
    projects: plannedProjects,
    tasks: planTasks(plannedProjects, stream(STREAM.tasks)),
  }
}
