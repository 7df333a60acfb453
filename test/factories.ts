import type { Dependencies } from '../src/dependencies.js'
import { ClientRepository, type NewClient } from '../src/modules/clients/client.repository.js'
import type { Client } from '../src/modules/clients/client.types.js'
import { ProjectRepository, type NewProject } from '../src/modules/projects/project.repository.js'
import type { Project } from '../src/modules/projects/project.types.js'
import { TaskRepository, type NewTask } from '../src/modules/tasks/task.repository.js'
import type { Task } from '../src/modules/tasks/task.types.js'
import { rawDurationSeconds } from '../src/modules/time-entries/duration.rules.js'
import { TimeEntryRepository } from '../src/modules/time-entries/time-entry.repository.js'
import type { NewTimeEntry, TimeEntryView } from '../src/modules/time-entries/time-entry.types.js'
import { UserRepository } from '../src/modules/users/user.repository.js'
import type { User } from '../src/modules/users/user.types.js'
import { hashPassword } from '../src/platform/password.js'

let sequence = 0
const hashes = new Map<string, Promise<string>>()

/** scrypt is slow on purpose; tests hash each distinct password once per worker. */
export function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password)
  if (!hash) hashes.set(password, (hash = hashPassword(password)))
  return hash
}

/** A user of its own for each test; password "password-123" unless given. */
export async function createUser(
  deps: Dependencies,
  overrides: { username?: string; role?: string; password?: string } = {},
): Promise<User> {
  sequence += 1
  const username = (overrides.username ?? `user${sequence}_${process.pid}`).trim().toLowerCase()
  const role = (overrides.role ?? 'user') as User['role']
  const passwordHash = await cachedHash(overrides.password ?? 'password-123')
  return new UserRepository(deps.database.db).insert(
    { username, email: null, fullName: null, passwordHash, role },
    deps.clock.now(),
  )
}

/** A token for the user with the given scopes; returns the plain value. */
export async function createToken(
  deps: Dependencies,
  user: User,
  scopes: string[] = ['read:*', 'write:*'],
  expiresDays?: number,
): Promise<string> {
  const { plain } = await deps.tokens.create({ userId: user.id, name: 'test token', scopes, expiresDays })
  return plain
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` }
}

/** A client created by `owner` (null = legacy, visible to admins only). */
export async function createClient(
  deps: Dependencies,
  owner: User | null,
  overrides: Partial<NewClient> = {},
): Promise<Client> {
  sequence += 1
  return new ClientRepository(deps.database.db).insert(
    {
      name: `Client ${sequence}-${process.pid}`,
      company: null,
      description: null,
      contactPerson: null,
      email: null,
      phone: null,
      address: null,
      defaultHourlyRateCents: null,
      createdBy: owner?.id ?? null,
      ...overrides,
    },
    deps.clock.now(),
  )
}

/** A project of `client` (a new client when omitted) created by `owner`. */
export async function createProject(
  deps: Dependencies,
  owner: User | null,
  overrides: Partial<NewProject> = {},
): Promise<Project> {
  sequence += 1
  const clientId = overrides.clientId ?? (await createClient(deps, owner)).id
  return new ProjectRepository(deps.database.db).insert(
    {
      name: `Project ${sequence}`,
      code: null,
      clientId,
      description: null,
      billable: true,
      hourlyRateCents: null,
      billingRef: null,
      estimatedHours: null,
      budgetAmountCents: null,
      color: null,
      createdBy: owner?.id ?? null,
      archivedBy: null,
      archivedReason: null,
      ...overrides,
    },
    deps.clock.now(),
  )
}

/** A task of `project` created by `owner`. */
export async function createTask(
  deps: Dependencies,
  project: Project,
  owner: User | null,
  overrides: Partial<NewTask> = {},
): Promise<Task> {
  sequence += 1
  return new TaskRepository(deps.database.db).insert(
    {
      projectId: project.id,
      name: `Task ${sequence}`,
      description: null,
      estimatedHours: null,
      dueDate: null,
      assignedTo: null,
      createdBy: owner?.id ?? null,
      tags: null,
      ...overrides,
    },
    deps.clock.now(),
  )
}

/**
 * A time entry of `owner`, inserted through the repository: by default a completed hour
 * ending an hour before the clock's now, on a new project of the owner. `endTime: null`
 * makes a running entry (pass `holdsSingleTimer: true` for the claim the timer takes).
 */
export async function createTimeEntry(
  deps: Dependencies,
  owner: User,
  overrides: Partial<NewTimeEntry> = {},
): Promise<TimeEntryView> {
  const startTime = overrides.startTime ?? new Date(deps.clock.now().getTime() - 2 * 3_600_000)
  const endTime =
    overrides.endTime === undefined ? new Date(startTime.getTime() + 3_600_000) : overrides.endTime
  const breakSeconds = overrides.breakSeconds ?? 0
  const projectId =
    overrides.projectId !== undefined || overrides.clientId
      ? (overrides.projectId ?? null)
      : (await createProject(deps, owner)).id
  const repository = new TimeEntryRepository(deps.database.db)
  const id = await repository.insert(
    {
      userId: owner.id,
      clientId: null,
      taskId: null,
      durationSeconds: endTime ? rawDurationSeconds(startTime, endTime, breakSeconds) : null,
      notes: null,
      tags: null,
      source: 'manual',
      billable: true,
      paid: false,
      invoiceNumber: null,
      holdsSingleTimer: false,
      ...overrides,
      projectId,
      startTime,
      endTime,
      breakSeconds,
    },
    deps.clock.now(),
  )
  if (id === undefined) throw new Error('createTimeEntry: the owner already holds the single running timer')
  return (await repository.findById(id)) as TimeEntryView
}

/** Switches modules off for everyone, as an administrator does in the settings (api-extended.md §8.3). */
export async function disableModules(deps: Dependencies, moduleIds: string[]): Promise<void> {
  await deps.database.db
    .updateTable('settings')
    .set({ disabledModuleIds: JSON.stringify(moduleIds) })
    .execute()
}
