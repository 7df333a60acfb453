import { afterEach, describe, expect, it } from 'vitest'
import { createClient, createProject, createTask, createUser } from '../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../test/harness.js'
import { ClientRepository } from '../modules/clients/client.repository.js'
import { ProjectRepository } from '../modules/projects/project.repository.js'
import { TaskRepository } from '../modules/tasks/task.repository.js'
import { visibilityOf } from '../modules/users/visibility.rules.js'

describe.each(dialects)('visibility filters on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('shows a user the projects they created or are a member of, and nothing else', async () => {
    t = await buildTestApp({ dialect: name })
    const projects = new ProjectRepository(t.deps.database.db)
    const alice = await createUser(t.deps)
    const bob = await createUser(t.deps)
    const own = await createProject(t.deps, alice)
    const shared = await createProject(t.deps, bob)
    const foreign = await createProject(t.deps, bob)
    const legacy = await createProject(t.deps, null)
    await projects.addMember(shared.id, alice.id)
    const v = visibilityOf(alice, 'projects')

    const seen = await Promise.all([own, shared, foreign, legacy].map((p) => projects.isVisible(p.id, v)))

    expect(seen).toEqual([true, true, false, false])
    expect(
      await projects.isVisible(
        legacy.id,
        visibilityOf(await t.deps.users.getByUsername('admin'), 'projects'),
      ),
    ).toBe(true)
  })

  it('shows a user the clients they created and the clients of their visible projects', async () => {
    t = await buildTestApp({ dialect: name })
    const clients = new ClientRepository(t.deps.database.db)
    const alice = await createUser(t.deps)
    const bob = await createUser(t.deps)
    const ownClient = await createClient(t.deps, alice)
    const viaProject = await createClient(t.deps, bob)
    const foreign = await createClient(t.deps, bob)
    await createProject(t.deps, alice, { clientId: viaProject.id })
    const v = visibilityOf(alice, 'clients')

    const seen = await Promise.all([ownClient, viaProject, foreign].map((c) => clients.isVisible(c.id, v)))

    expect(seen).toEqual([true, true, false])
  })

  it('shows tasks of visible projects plus tasks assigned to or created by the user', async () => {
    t = await buildTestApp({ dialect: name })
    const tasks = new TaskRepository(t.deps.database.db)
    const alice = await createUser(t.deps)
    const bob = await createUser(t.deps)
    const bobsProject = await createProject(t.deps, bob)
    const inOwnProject = await createTask(t.deps, await createProject(t.deps, alice), bob)
    const assigned = await createTask(t.deps, bobsProject, bob, { assignedTo: alice.id })
    const foreign = await createTask(t.deps, bobsProject, bob)
    const v = visibilityOf(alice, 'tasks')

    const seen = await Promise.all(
      [inOwnProject, assigned, foreign].map((task) => tasks.isVisible(task.id, v)),
    )

    expect(seen).toEqual([true, true, false])
  })

  it('limits a subcontractor to the clients assigned to them and their projects', async () => {
    t = await buildTestApp({ dialect: name })
    const sub = await createUser(t.deps, { role: 'subcontractor' })
    const assignedClient = await createClient(t.deps, null)
    const otherClient = await createClient(t.deps, sub)
    const project = await createProject(t.deps, null, { clientId: assignedClient.id })
    const ownButUnassigned = await createProject(t.deps, sub, { clientId: otherClient.id })
    await t.deps.database.db
      .insertInto('userClients')
      .values({ userId: sub.id, clientId: assignedClient.id })
      .execute()
    const projects = new ProjectRepository(t.deps.database.db)
    const clients = new ClientRepository(t.deps.database.db)

    expect(await projects.isVisible(project.id, visibilityOf(sub, 'projects'))).toBe(true)
    expect(await projects.isVisible(ownButUnassigned.id, visibilityOf(sub, 'projects'))).toBe(false)
    expect(await clients.isVisible(assignedClient.id, visibilityOf(sub, 'clients'))).toBe(true)
    expect(await clients.isVisible(otherClient.id, visibilityOf(sub, 'clients'))).toBe(false)
  })
})
