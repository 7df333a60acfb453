import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createTimeEntry, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'

describe.each(dialects)('stopping, pausing and resuming the timer on $name', ({ name }) => {
  let t: TestApp

  afterEach(async () => t?.close())

  async function signedIn(role = 'user') {
    const user = await createUser(t.deps, { role })
    return { user, headers: bearer(await createToken(t.deps, user)) }
  }

  const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/timer/${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    })

  describe('POST /timer/stop', () => {
    it('answers 400 no_active_timer when nothing runs', async () => {
      t = await buildTestApp({ dialect: name })
      const { headers } = await signedIn()

      const response = await post('stop', headers)

      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        success: false,
        error: 'No active timer to stop',
        message: 'No active timer to stop',
        error_code: 'no_active_timer',
      })
    })

    it('ends the timer now with the exact duration, releasing the single-timer claim', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const started = await post('start', headers, { project_id: project.id })
      t.clock.advanceSeconds(5400)

      const response = await post('stop', headers)

      expect(response.statusCode).toBe(200)
      expect(response.json()).toMatchObject({
        message: 'Timer stopped successfully',
        time_entry: {
          id: started.json().timer.id,
          start_time: '2025-01-15T10:00:00',
          end_time: '2025-01-15T11:30:00',
          duration_seconds: 5400,
          duration_hours: 1.5,
          duration_formatted: '01:30:00',
          is_active: false,
        },
      })
      const row = await t.deps.database.db
        .selectFrom('timeEntries')
        .select('singleTimerOwner')
        .executeTakeFirstOrThrow()
      expect(row.singleTimerOwner).toBeNull()
      expect((await post('start', headers, { project_id: project.id })).statusCode).toBe(201)
    })

    it("rounds with the owner's preferences", async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await t.deps.database.db
        .updateTable('users')
        .set({ timeRoundingMinutes: 15, timeRoundingMethod: 'up' })
        .where('id', '=', user.id)
        .execute()
      await post('start', headers, { project_id: project.id })
      t.clock.advanceSeconds(16 * 60)

      const response = await post('stop', headers)

      expect(response.json().time_entry.duration_seconds).toBe(30 * 60)
    })

    it('ignores any body: empty with a JSON content type, malformed JSON, or text', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      const json = { ...headers, 'content-type': 'application/json' }

      const responses = []
      for (const [payload, contentType] of [
        ['', 'application/json'],
        ['{not json', 'application/json'],
        ['hello', 'text/plain'],
      ]) {
        await post('start', headers, { project_id: project.id })
        responses.push(
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/timer/stop',
            headers: { ...json, 'content-type': contentType as string },
            payload,
          }),
        )
      }

      expect(responses.map((response) => response.statusCode)).toEqual([200, 200, 200])
    })

    it('counts a pause in progress as break, not work', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await post('start', headers, { project_id: project.id })
      t.clock.advanceSeconds(1200)
      await post('pause', headers)
      t.clock.advanceSeconds(600)

      const response = await post('stop', headers)

      expect(response.json().time_entry).toMatchObject({
        duration_seconds: 1200,
        break_seconds: 600,
        paused_at: null,
      })
    })

    it("never stops another user's timer", async () => {
      t = await buildTestApp({ dialect: name })
      const owner = await signedIn()
      const other = await signedIn('admin')
      const project = await createProject(t.deps, owner.user)
      await post('start', owner.headers, { project_id: project.id })

      const response = await post('stop', other.headers)

      expect(response.json().error_code).toBe('no_active_timer')
      const status = await t.app.inject({
        method: 'GET',
        url: '/api/v1/timer/status',
        headers: owner.headers,
      })
      expect(status.json().active).toBe(true)
    })
  })

  describe('POST /timer/pause and /timer/resume', () => {
    it('pauses: the timer stays active with paused_at set and its elapsed time frozen', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await post('start', headers, { project_id: project.id })
      t.clock.advanceSeconds(300)

      const paused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/timer/pause',
        headers: { ...headers, 'content-type': 'application/json' },
        payload: '',
      })
      t.clock.advanceSeconds(900)
      const status = await t.app.inject({ method: 'GET', url: '/api/v1/timer/status', headers })

      expect(paused.statusCode).toBe(200)
      expect(paused.json()).toMatchObject({
        message: 'Timer paused',
        time_entry: { paused_at: '2025-01-15T10:05:00', is_active: true },
      })
      expect(status.json()).toMatchObject({
        active: true,
        timer: { paused_at: '2025-01-15T10:05:00', duration_formatted: '00:05:00' },
      })
    })

    it('resumes: the paused span is added to break_seconds and paused_at is cleared', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await post('start', headers, { project_id: project.id })
      t.clock.advanceSeconds(300)
      await post('pause', headers)
      t.clock.advanceSeconds(900)

      const resumed = await post('resume', headers)
      t.clock.advanceSeconds(60)
      const status = await t.app.inject({ method: 'GET', url: '/api/v1/timer/status', headers })

      expect(resumed.statusCode).toBe(200)
      expect(resumed.json()).toMatchObject({
        message: 'Timer resumed',
        time_entry: { paused_at: null, break_seconds: 900 },
      })
      expect(status.json().timer.duration_formatted).toBe('00:06:00')
    })

    it('answers no_active_timer without a timer and invalid_state in the wrong state', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)

      const pauseIdle = await post('pause', headers)
      const resumeIdle = await post('resume', headers)
      await post('start', headers, { project_id: project.id })
      const resumeRunning = await post('resume', headers)
      await post('pause', headers)
      const pauseAgain = await post('pause', headers)

      for (const response of [pauseIdle, resumeIdle]) {
        expect(response.statusCode).toBe(400)
        expect(response.json()).toMatchObject({
          error_code: 'no_active_timer',
          message: 'No active timer found',
        })
      }
      expect(resumeRunning.json()).toMatchObject({
        error_code: 'invalid_state',
        message: 'Timer is not paused',
      })
      expect(pauseAgain.json()).toMatchObject({
        error_code: 'invalid_state',
        message: 'Timer is already paused',
      })
    })

    it('ignores malformed bodies', async () => {
      t = await buildTestApp({ dialect: name })
      const { user, headers } = await signedIn()
      const project = await createProject(t.deps, user)
      await post('start', headers, { project_id: project.id })
      const broken = { ...headers, 'content-type': 'application/json' }

      const paused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/timer/pause',
        headers: broken,
        payload: '[1,',
      })
      const resumed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/timer/resume',
        headers: broken,
        payload: '"x"',
      })

      expect([paused.statusCode, resumed.statusCode]).toEqual([200, 200])
    })
  })

  it('a running entry made by the factory is the timer the endpoints act on', async () => {
    t = await buildTestApp({ dialect: name })
    const { user, headers } = await signedIn()
    const entry = await createTimeEntry(t.deps, user, {
      endTime: null,
      holdsSingleTimer: true,
      startTime: new Date('2025-01-15T09:00:00Z'),
    })

    const response = await post('stop', headers)

    expect(response.json().time_entry).toMatchObject({ id: entry.id, duration_seconds: 3600 })
  })
})
