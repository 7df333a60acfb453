import type { Dependencies } from '../src/dependencies.js'
import { ClientRepository, type NewClient } from '../src/modules/clients/client.repository.js'
import type { Client } from '../src/modules/clients/client.types.js'
import { ProjectRepository, type NewProject } from '../src/modules/projects/project.repository.js'
import type { Project } from '../src/modules/projects/project.types.js'
import { TaskRepository, type NewTask } from '../src/modules/tasks/task.repository.js'
import type { Task } from '../src/modules/tasks/task.types.js'
import type { User } from '../src/modules/users/user.types.js'

let sequence = 0

/** A user of its own for each test; password "password-123" unless given. */
export async function createUser(
  deps: Dependencies,
  overrides: { username?: string; role?: string; password?: string } = {},
): Promise<User> {
  sequence += 1
  return deps.users.create({
    username: overrides.username ?? `user${sequence}_${process.pid}`,
    password: overrides.password ?? 'password-123',
    role: overrides.role ?? 'user',
  })
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
export async function createClient(deps: Dependencies, owner: User | null, overrides: Partial<NewClient> = {}): Promise<Client> {
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
export async function createTask(deps: Dependencies, project: Project, owner: User | null, overrides: Partial<NewTask> = {}): Promise<Task> {
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
