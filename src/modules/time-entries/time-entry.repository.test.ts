import { afterEach, describe, expect, it } from 'vitest'
import {
  createClient,
  createProject,
  createTask,
  createTimeEntry,
  createUser,
} from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import { TimeEntryRepository } from './time-entry.repository.js'
import type { NewTimeEntry } from './time-entry.types.js'

const at = (time: string) => new Date(`2025-01-10T${time}Z`)

describe.each(dialects)('time entry repository on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  function running(userId: number, projectId: number): NewTimeEntry {
    return {
      userId,
      projectId,
      clientId: null,
      taskId: null,
      startTime: at('09:00:00'),
      endTime: null,
      durationSeconds: null,
      breakSeconds: 0,
      notes: null,
      tags: null,
      source: 'auto',
      billable: true,
      paid: false,
      invoiceNumber: null,
      holdsSingleTimer: true,
    }
  }

  it('refuses a second single-timer claim of the same owner in the database itself', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const entries = new TimeEntryRepository(t.deps.database.db)

    const first = await entries.insert(running(user.id, project.id), t.clock.now())
    const second = await entries.insert(running(user.id, project.id), t.clock.now())
    const unclaimed = await entries.insert(
      { ...running(user.id, project.id), holdsSingleTimer: false },
      t.clock.now(),
    )

    expect(first).toEqual(expect.any(Number))
    expect(second).toBeUndefined()
    expect(unclaimed).toEqual(expect.any(Number))
  })

  it('frees the claim when the timer stops, so the next one can take it', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user)
    const entries = new TimeEntryRepository(t.deps.database.db)
    const id = (await entries.insert(running(user.id, project.id), t.clock.now())) as number

    const stopped = await entries.stop(
      id,
      { endTime: at('10:00:00'), durationSeconds: 3600, breakSeconds: 0 },
      t.clock.now(),
    )
    const stoppedAgain = await entries.stop(
      id,
      { endTime: at('11:00:00'), durationSeconds: 7200, breakSeconds: 0 },
      t.clock.now(),
    )
    const next = await entries.insert(running(user.id, project.id), t.clock.now())

    expect([stopped, stoppedAgain]).toEqual([true, false])
    expect(next).toEqual(expect.any(Number))
  })

  it('finds overlaps with completed entries of the same user only, touching allowed', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const other = await createUser(t.deps)
    const entries = new TimeEntryRepository(t.deps.database.db)
    const existing = await createTimeEntry(t.deps, user, {
      startTime: at('09:00:00'),
      endTime: at('10:00:00'),
    })
    await createTimeEntry(t.deps, user, { startTime: at('06:00:00'), endTime: null })
    await createTimeEntry(t.deps, other, { startTime: at('12:00:00'), endTime: at('13:00:00') })

    expect(await entries.hasOverlap(user.id, at('09:59:59'), at('10:30:00'))).toBe(true)
    expect(await entries.hasOverlap(user.id, at('08:00:00'), at('11:00:00'))).toBe(true)
    expect(await entries.hasOverlap(user.id, at('10:00:00'), at('11:00:00'))).toBe(false)
    expect(await entries.hasOverlap(user.id, at('08:00:00'), at('09:00:00'))).toBe(false)
    expect(await entries.hasOverlap(user.id, at('06:30:00'), at('07:00:00'))).toBe(false)
    expect(await entries.hasOverlap(user.id, at('12:30:00'), at('12:45:00'))).toBe(false)
    expect(await entries.hasOverlap(user.id, at('09:00:00'), at('10:00:00'), existing.id)).toBe(false)
  })

  it('reads entries with the names of their user, project, own client and task', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const project = await createProject(t.deps, user, { name: 'Apollo' })
    const task = await createTask(t.deps, project, user, { name: 'Launch' })
    const client = await createClient(t.deps, user, { name: 'NASA' })
    const entries = new TimeEntryRepository(t.deps.database.db)
    const projectEntry = await createTimeEntry(t.deps, user, { projectId: project.id, taskId: task.id })
    const clientEntry = await createTimeEntry(t.deps, user, {
      projectId: null,
      clientId: client.id,
      startTime: at('01:00:00'),
    })

    const found = await entries.findById(projectEntry.id)
    const listed = await entries.list({ userId: user.id, includeRunning: false }, { page: 1, perPage: 10 })

    expect(found).toMatchObject({
      userName: user.username,
      projectName: 'Apollo',
      clientName: null,
      taskName: 'Launch',
    })
    expect(listed.map((entry) => [entry.id, entry.projectName, entry.clientName])).toEqual([
      [projectEntry.id, 'Apollo', null],
      [clientEntry.id, null, 'NASA'],
    ])
  })

  it("gives the latest end of the user's entries starting in a range", async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const entries = new TimeEntryRepository(t.deps.database.db)
    await createTimeEntry(t.deps, user, { startTime: at('09:00:00'), endTime: at('10:00:00') })
    await createTimeEntry(t.deps, user, { startTime: at('11:00:00'), endTime: at('12:15:00') })

    const latest = await entries.latestEndStartingBetween(user.id, at('00:00:00'), at('23:59:59'))
    const none = await entries.latestEndStartingBetween(user.id, at('13:00:00'), at('23:59:59'))

    expect(latest).toEqual(at('12:15:00'))
    expect(none).toBeUndefined()
  })
})
