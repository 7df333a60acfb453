import type { Updateable } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import {
  bearer,
  createProject,
  createTask,
  createTimeEntry,
  createToken,
  createUser,
} from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { SettingsTable } from '../../db/tables.js'
import { ProjectRepository } from '../projects/project.repository.js'
import type { User } from '../users/user.types.js'

const URL = '/api/v1/time-entries/import-csv'
const HEADER = 'project_id,start_time,end_time,task_id,notes,billable'
const OVERLAP =
  'This time overlaps with an existing entry. Please choose a different time range or edit the existing entry.'

describe.each(dialects)('POST /api/v1/time-entries/import-csv: rows on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  const importRows = (headers: Record<string, string>, rows: string[], header = HEADER) =>
    t.app.inject({
      method: 'POST',
      url: URL,
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: [header, ...rows].join('\n'),
    })

  async function storedEntries(user: User) {
    const rows = await t.deps.database.db
      .selectFrom('timeEntries')
      .select(['id', 'projectId', 'taskId', 'notes', 'billable', 'durationSeconds'])
      .where('userId', '=', user.id)
      .orderBy('id')
      .execute()
    return rows.map((row) => ({ ...row, billable: Boolean(row.billable) }))
  }

  async function changeSettings(values: Updateable<SettingsTable>) {
    await t.deps.database.db.updateTable('settings').set(values).where('id', '=', 1).execute()
  }

  it('judges each row in the order of the spec and keeps the rows that pass', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const mine = await createProject(t.deps, user)
    const other = await createProject(t.deps, (await signedIn()).user)
    const otherTask = await createTask(t.deps, other, null)
    const ok = (day: number) => `2025-01-${day}T09:00:00Z,2025-01-${day}T10:00:00Z`

    const response = await importRows(headers, [
      `,${ok(10)}`,
      ` 1x ,${ok(10)}`,
      `${other.id},${ok(10)}`,
      `999999,${ok(10)}`,
      `99999999999,${ok(10)}`,
      `${mine.id},,2025-01-10T10:00:00Z`,
      `${mine.id},2025-01-10T09:00:00Z,tomorrow`,
      `${mine.id},2025-01-10T25:00:00Z,2025-01-10T26:00:00Z`,
      `${mine.id},${ok(10)},five`,
      `${mine.id},${ok(10)},${otherTask.id}`,
      `${mine.id},${ok(10)},999999`,
      `${mine.id},2025-01-10T10:00:00Z,2025-01-10T10:00:00Z`,
      `${mine.id},2025-01-10T11:00:00Z,2025-01-10T10:00:00Z`,
      `${mine.id},${ok(11)},,kept`,
      `${other.id},,`,
    ])

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      success: true,
      created: 1,
      failed: 14,
      errors: [
        { row: 2, error: 'project_id is required' },
        { row: 3, error: 'invalid project_id' },
        { row: 4, error: 'no access to project' },
        { row: 5, error: 'no access to project' },
        { row: 6, error: 'no access to project' },
        { row: 7, error: 'start_time and end_time required (ISO 8601)' },
        { row: 8, error: 'start_time and end_time required (ISO 8601)' },
        { row: 9, error: 'start_time and end_time required (ISO 8601)' },
        { row: 10, error: 'invalid task_id' },
        { row: 11, error: 'Invalid task for selected project' },
        { row: 12, error: 'Invalid task for selected project' },
        { row: 13, error: 'End time must be after start time' },
        { row: 14, error: 'End time must be after start time' },
        { row: 16, error: 'no access to project' },
      ],
    })
    expect(await storedEntries(user)).toEqual([
      expect.objectContaining({ projectId: mine.id, notes: 'kept', durationSeconds: 3600 }),
    ])
  })

  it('refuses rows overlapping a completed entry of the user or an earlier row, allows touching ones', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const project = await createProject(t.deps, user)
    await createTimeEntry(t.deps, user, {
      projectId: project.id,
      startTime: new Date('2025-01-10T09:00:00Z'),
      endTime: new Date('2025-01-10T10:00:00Z'),
    })
    await createTimeEntry(t.deps, user, {
      projectId: project.id,
      startTime: new Date('2025-01-10T06:00:00Z'),
      endTime: null,
    })
    const someoneElse = (await signedIn()).user
    await createTimeEntry(t.deps, someoneElse, {
      startTime: new Date('2025-01-10T12:00:00Z'),
      endTime: new Date('2025-01-10T13:00:00Z'),
    })
    const at = (start: string, end: string, notes: string) =>
      `${project.id},2025-01-10T${start}:00Z,2025-01-10T${end}:00Z,,${notes}`

    const response = await importRows(headers, [
      at('09:30', '10:30', 'overlaps the stored entry'),
      at('10:00', '11:00', 'touches it'),
      at('10:30', '11:30', 'overlaps the row before'),
      at('06:00', '07:00', 'under the running timer'),
      at('12:00', '13:00', "at another user's time"),
      at('08:00', '09:00', 'touches from below'),
    ])

    expect(response.json()).toEqual({
      success: true,
      created: 4,
      failed: 2,
      errors: [
        { row: 2, error: OVERLAP },
        { row: 4, error: OVERLAP },
      ],
    })
  })

  it('applies the persisted requirements to non-admins', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const project = await createProject(t.deps, user)
    const task = await createTask(t.deps, project, user)
    const ok = (day: number) => `${project.id},2025-01-${day}T09:00:00Z,2025-01-${day}T10:00:00Z`
    await changeSettings({ timeEntryRequireTask: true, timeEntryRequireDescription: true })

    const response = await importRows(headers, [
      `${ok(10)},,long enough description here`,
      `${ok(11)},${task.id},  `,
      `${ok(12)},${task.id},too short`,
      `${ok(13)},${task.id},a description of twenty`,
    ])

    expect(response.json()).toEqual({
      success: true,
      created: 1,
      failed: 3,
      errors: [
        { row: 2, error: 'A task must be selected when logging time for a project' },
        { row: 3, error: 'A description is required when logging time' },
        { row: 4, error: 'Description must be at least 20 characters' },
      ],
    })
  })

  it('lets admins import on any project, skipping requirements and the overlap check', async () => {
    t = await buildTestApp({ dialect: name })
    const { user: admin, headers } = await signedIn('admin')
    const project = await createProject(t.deps, (await signedIn()).user)
    const legacy = await createProject(t.deps, null)
    await createTimeEntry(t.deps, admin, {
      projectId: project.id,
      startTime: new Date('2025-01-10T09:00:00Z'),
      endTime: new Date('2025-01-10T10:00:00Z'),
    })
    await changeSettings({ timeEntryRequireTask: true, timeEntryRequireDescription: true })
    const ok = `2025-01-10T09:00:00Z,2025-01-10T10:00:00Z`

    const response = await importRows(headers, [
      `${project.id},${ok}`,
      `${legacy.id},${ok}`,
      `999999,${ok}`,
      `${project.id},2025-01-10T10:00:00Z,2025-01-10T09:00:00Z`,
    ])

    expect(response.json()).toEqual({
      success: true,
      created: 2,
      failed: 2,
      errors: [
        { row: 4, error: 'Invalid project' },
        { row: 5, error: 'End time must be after start time' },
      ],
    })
    expect((await storedEntries(admin)).map((entry) => entry.projectId)).toEqual([
      project.id,
      project.id,
      legacy.id,
    ])
  })

  it("lets managers import on every project and members on their team's projects", async () => {
    t = await buildTestApp({ dialect: name })
    const manager = await signedIn('manager')
    const member = await signedIn()
    const owner = (await signedIn()).user
    const project = await createProject(t.deps, owner)
    const hidden = await createProject(t.deps, owner)
    await new ProjectRepository(t.deps.database.db).addMember(project.id, member.user.id)
    const ok = `2025-01-10T09:00:00Z,2025-01-10T10:00:00Z`

    const byManager = await importRows(manager.headers, [`${hidden.id},${ok}`, `999999,${ok}`])
    const byMember = await importRows(member.headers, [`${project.id},${ok}`, `${hidden.id},${ok}`])

    expect(byManager.json()).toEqual({
      success: true,
      created: 1,
      failed: 1,
      errors: [{ row: 3, error: 'no access to project' }],
    })
    expect(byMember.json()).toEqual({
      success: true,
      created: 1,
      failed: 1,
      errors: [{ row: 3, error: 'no access to project' }],
    })
  })

  it('fails every valid row of a viewer, who may not create entries', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn('viewer')
    const project = await createProject(t.deps, user)

    const response = await importRows(headers, [
      `${project.id},2025-01-10T09:00:00Z,2025-01-10T10:00:00Z`,
      `x,2025-01-10T09:00:00Z,2025-01-10T10:00:00Z`,
    ])

    expect(response.json()).toEqual({
      success: true,
      created: 0,
      failed: 2,
      errors: [
        { row: 2, error: 'Insufficient permissions' },
        { row: 3, error: 'invalid project_id' },
      ],
    })
    expect(await storedEntries(user)).toEqual([])
  })

  it('reads billable as true when the column or cell is missing, else only for 1, true, yes and y', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const project = await createProject(t.deps, user)
    const at = (hour: number) => `${project.id},2025-01-10T${10 + hour}:00:00Z,2025-01-10T${10 + hour}:30:00Z`

    await importRows(headers, [
      `${at(0)},,,`,
      `${at(1)},,,YES`,
      `${at(2)},,,y`,
      `${at(3)},,,1`,
      `${at(4)},,,True`,
      `${at(5)},,,no`,
      `${at(6)},,,on`,
      at(7),
    ])
    await importRows(headers, [`${at(8)}`], 'project_id,start_time,end_time')

    expect((await storedEntries(user)).map((entry) => entry.billable)).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      true,
      true,
    ])
  })

  it('reads naive times and bare dates in the app timezone, offsets as given, and rounds for the user', async () => {
    t = await buildTestApp({ dialect: name, env: { APP_TIMEZONE: 'Europe/Berlin' } })
    const { user, headers } = await signedIn()
    const project = await createProject(t.deps, user)
    await t.deps.database.db
      .updateTable('users')
      .set({ timeRoundingMinutes: 15 })
      .where('id', '=', user.id)
      .execute()

    await importRows(headers, [
      `${project.id},2025-03-30 01:00,2025-03-30T03:07:29.9,,across the spring change`,
      `${project.id},2025-07-01,2025-07-01T00:52:30+02:00,,a bare date`,
    ])

    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/time-entries',
      headers: { ...headers, prefer: 'datetime=utc' },
    })
    const entries = listed.json<{ time_entries: Record<string, unknown>[] }>().time_entries
    expect(entries.map((entry) => [entry.start_time, entry.end_time, entry.duration_seconds])).toEqual([
      ['2025-06-30T22:00:00Z', '2025-06-30T22:52:30Z', 3600],
      ['2025-03-30T00:00:00Z', '2025-03-30T01:07:29Z', 3600],
    ])
  })
})
