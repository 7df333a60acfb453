import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createTask, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

const ROWS = 5000

/** Row i: a 30-minute entry in its own hour, in an order that is not chronological. */
function scrambledHours(count: number): number[] {
  return Array.from({ length: count }, (_, index) => (index * 7919) % count)
}

describe.each(dialects)('POST /api/v1/time-entries/import-csv: volume on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  it('imports 5,000 rows of a regular user, checking each against the others, and creates them all', async () => {
    t = await buildTestApp({ dialect: name })
    const user = await createUser(t.deps)
    const headers = bearer(await createToken(t.deps, user))
    const projects = [await createProject(t.deps, user), await createProject(t.deps, user)]
    const task = await createTask(t.deps, projects[1]!, user)
    const lines = scrambledHours(ROWS).map((hour, index) => {
      const start = new Date(Date.UTC(2024, 0, 1) + hour * 3_600_000)
      const end = new Date(start.getTime() + 1_800_000)
      const naive = (date: Date) => date.toISOString().slice(0, 19)
      const reference = index % 2 === 0 ? `${projects[0]!.id},` : `${projects[1]!.id},${task.id}`
      return `${reference},${naive(start)},${naive(end)},"Row ${index + 2}, imported",bulk`
    })

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/time-entries/import-csv',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: ['project_id,task_id,start_time,end_time,notes,tags', ...lines].join('\n'),
    })

    expect(response.json()).toEqual({ success: true, created: ROWS, failed: 0, errors: [] })
    const stored = await t.deps.database.db
      .selectFrom('timeEntries')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('durationSeconds').as('seconds')])
      .where('userId', '=', user.id)
      .where('tags', '=', 'bulk')
      .executeTakeFirstOrThrow()
    expect([Number(stored.n), Number(stored.seconds)]).toEqual([ROWS, ROWS * 1800])
  })
})
