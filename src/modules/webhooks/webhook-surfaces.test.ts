import { describe, expect, it } from 'vitest'
import { bearer, createProject } from '../../../test/factories.js'
import { dialects } from '../../../test/harness.js'
import { hmac, WebhookFixture } from '../../../test/webhook-fixture.js'

// End to end: a change made through the REST API reaches a subscribed receiver, signed,
// with the envelope of webhooks.md §4 and the subject's /api/v1 representation in `data`.
describe.each(dialects)('webhooks fed by REST changes on $name', ({ name }) => {
  const f = new WebhookFixture(name)

  it('delivers timer start and stop with their descriptions, and nothing for a pause', async () => {
    const webhook = await f.createWebhook({ events: ['time_entry.started', 'time_entry.stopped'] })
    const project = await createProject(f.t.deps, f.admin, { name: 'Website' })
    const headers = bearer(f.token)
    const call = (url: string, payload?: object) =>
      f.t.app.inject({
        method: 'POST',
        url: `/api/v1/timer/${url}`,
        headers,
        ...(payload ? { payload } : {}),
      })

    expect((await call('start', { project_id: project.id })).statusCode).toBe(201)
    f.t.clock.advanceSeconds(90)
    expect((await call('pause')).statusCode).toBe(200)
    f.t.clock.advanceSeconds(30)
    expect((await call('resume')).statusCode).toBe(200)
    f.t.clock.advanceSeconds(5_495)
    expect((await call('stop')).statusCode).toBe(200)
    await f.whenIdle()

    const bodies = f.receiver.requests.map((request) => {
      expect(request.headers['x-webhook-signature']).toBe(`sha256=${hmac(webhook.secret!, request.body)}`)
      return JSON.parse(request.body.toString()) as { event_type: string; description: string }
    })
    expect(bodies.map((body) => [body.event_type, body.description])).toEqual([
      ['time_entry.started', 'Started timer for Website'],
      ['time_entry.stopped', 'Stopped timer for Website - Duration: 01:33:05'],
    ])
    expect(bodies[1]).toMatchObject({
      user: { id: f.admin.id, username: f.admin.username },
      entity: { type: 'time_entry', name: 'Website' },
      action: 'stopped',
      data: { project_id: project.id, duration_seconds: 5_585, break_seconds: 30, is_active: false },
    })
  })

  it('delivers nothing for a request that fails validation', async () => {
    await f.createWebhook({ events: ['*'] })
    const response = await f.t.app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: bearer(f.token),
      payload: { name: 'No client', client_id: 999_999 },
    })
    expect(response.statusCode).toBe(400)
    await f.whenIdle()
    expect(f.receiver.requests).toEqual([])
  })
})
