import { afterEach, describe, expect, it } from 'vitest'
import { bearer, createProject, createToken, createUser } from '../../../test/factories.js'
import { buildTestApp, dialects, type TestApp } from '../../../test/harness.js'
import type { Project } from '../projects/project.types.js'
import type { RecordedEvent } from '../events/event.types.js'

const URL = '/api/v1/time-entries/import-csv'
const HEADER = 'project_id,start_time,end_time,notes'

describe.each(dialects)('POST /api/v1/time-entries/import-csv: body forms and files on $name', ({ name }) => {
  let t: TestApp
  let headers: Record<string, string>
  let project: Project

  afterEach(async () => t?.close())

  async function setUp(env: Record<string, string> = {}) {
    t = await buildTestApp({ dialect: name, env })
    const user = await createUser(t.deps)
    headers = bearer(await createToken(t.deps, user))
    project = await createProject(t.deps, user, { name: 'Website' })
    return user
  }

  async function entries() {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/time-entries?per_page=100',
      headers: { ...headers, prefer: 'datetime=utc' },
    })
    return (response.json().time_entries as Record<string, unknown>[]).reverse()
  }

  const importText = (payload: string | Buffer, contentType = 'text/csv') =>
    t.app.inject({ method: 'POST', url: URL, headers: { ...headers, 'content-type': contentType }, payload })

  function multipart(field: string, content: string | Buffer, filename?: string) {
    const boundary = '----stint-test-boundary'
    const disposition = `form-data; name="${field}"${filename ? `; filename="${filename}"` : ''}`
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ])
    return t.app.inject({
      method: 'POST',
      url: URL,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    })
  }

  const row = (start: string, end: string, notes = '') => `${project.id},${start},${end},${notes}`

  function expectError(
    response: { statusCode: number; json(): unknown },
    status: number,
    code: string,
    message: string,
  ) {
    expect(response.statusCode).toBe(status)
    expect(response.json()).toEqual({ success: false, error: message, message, error_code: code })
  }

  it('imports a text/csv body as the caller and answers 200 with the summary', async () => {
    const user = await setUp()

    const response = await importText(
      [
        'project_id,task_id,start_time,end_time,notes,tags,billable',
        `${project.id},,2025-01-06T09:00:00Z,2025-01-06T10:30:00Z,  Wrote copy ,"a, b",no`,
      ].join('\n'),
    )

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
    expect(await entries()).toEqual([
      expect.objectContaining({
        user_id: user.id,
        project_id: project.id,
        client_id: null,
        task_id: null,
        start_time: '2025-01-06T09:00:00Z',
        end_time: '2025-01-06T10:30:00Z',
        duration_seconds: 5400,
        break_seconds: 0,
        notes: 'Wrote copy',
        tags: 'a, b',
        source: 'manual',
        billable: false,
        paid: false,
        invoice_number: null,
        project: 'Website',
        created_at: '2025-01-15T10:00:00Z',
      }),
    ])
  })

  it('reads the multipart file field as UTF-8 and replaces invalid bytes', async () => {
    await setUp()
    const csv = Buffer.concat([
      Buffer.from(`${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z', 'caf')}`),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ])

    const response = await multipart('file', csv, 'entries.csv')

    expect(response.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
    expect((await entries())[0]).toMatchObject({ notes: 'caf\uFFFD' })
  })

  it('reads a multipart file field sent as a plain text field', async () => {
    await setUp()

    const response = await multipart(
      'file',
      `${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')}`,
    )

    expect(response.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
  })

  it('answers Empty CSV for a multipart form without a file field', async () => {
    await setUp()

    const response = await multipart(
      'upload',
      `${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')}`,
      'a.csv',
    )

    expectError(response, 400, 'bad_request', 'Empty CSV')
    expect(await entries()).toEqual([])
  })

  it('answers 400 for a multipart body it cannot read', async () => {
    await setUp()

    const response = await importText(
      '--x\r\nContent-Disposition: form-data; name="file"\r\n',
      'multipart/form-data',
    )

    expectError(response, 400, 'bad_request', 'Invalid multipart body: Multipart: Boundary not found')
  })

  it('reads the csv key of a JSON body, and data when csv is not a string', async () => {
    await setUp()
    const csv = `${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z', 'from csv')}`
    const data = `${HEADER}\n${row('2025-01-07T09:00:00Z', '2025-01-07T10:00:00Z', 'from data')}`

    const first = await importText(JSON.stringify({ csv, data }), 'application/json')
    const second = await importText(JSON.stringify({ csv: 12, data }), 'application/json; charset=utf-8')

    expect(first.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
    expect(second.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
    expect((await entries()).map((entry) => entry.notes)).toEqual(['from csv', 'from data'])
  })

  it('reads a JSON body holding neither csv nor data as the CSV text itself', async () => {
    await setUp()

    const response = await importText('{"rows": 1}\n', 'application/json')

    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ success: true, created: 0, failed: 0, errors: [] })
  })

  it('reads the raw body of any other content type as text', async () => {
    await setUp()
    const csv = (day: number) => `${HEADER}\n${row(`2025-01-0${day}T09:00:00Z`, `2025-01-0${day}T10:00:00Z`)}`

    const answers = await Promise.all([
      importText(csv(6), 'text/plain'),
      importText(csv(7), 'application/octet-stream'),
      importText(csv(8), 'application/vnd.ms-excel'),
    ])

    expect(answers.map((answer) => [answer.statusCode, answer.json<{ created: number }>().created])).toEqual([
      [200, 1],
      [200, 1],
      [200, 1],
    ])
  })

  it('strips a byte-order mark and reads CRLF lines and quoted fields with commas, quotes and newlines', async () => {
    await setUp()
    const csv = `\uFEFF${HEADER}\r\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z', '"Line one, with ""quotes""\r\nline two"')}\r\n`

    const response = await importText(csv)

    expect(response.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
    expect((await entries())[0]).toMatchObject({ notes: 'Line one, with "quotes"\r\nline two' })
  })

  it('matches header names case-insensitively, trimmed, with spaces for underscores, and knows the alternative names', async () => {
    await setUp()
    const csv = [
      ' Project ID ,START,End,Description,TAGS,Billable',
      `${project.id},2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,Met,x,Y`,
    ].join('\n')

    const response = await importText(csv)

    expect(response.json()).toEqual({ success: true, created: 1, failed: 0, errors: [] })
    expect((await entries())[0]).toMatchObject({ notes: 'Met', tags: 'x', billable: true })
  })

  it('answers 400 Empty CSV for an empty or whitespace-only body and writes nothing', async () => {
    await setUp()

    const answers = await Promise.all([importText(''), importText('  \r\n\t\n'), importText('\uFEFF')])

    for (const answer of answers) expectError(answer, 400, 'bad_request', 'Empty CSV')
    expect(await entries()).toEqual([])
  })

  it('answers 400 when the first line names no columns', async () => {
    await setUp()

    const blankFirstLine = await importText(
      `\n${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')}`,
    )
    const onlyCommas = await importText(` , ,\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')}`)

    expectError(blankFirstLine, 400, 'bad_request', 'CSV must include a header row')
    expectError(onlyCommas, 400, 'bad_request', 'CSV must include a header row')
    expect(await entries()).toEqual([])
  })

  it('answers 400 for CSV that cannot be parsed and writes nothing', async () => {
    await setUp()

    const response = await importText(
      `${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')}\n${project.id},"2025-01-07`,
    )

    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      success: false,
      error_code: 'bad_request',
      message: expect.stringMatching(/^Invalid CSV: /),
    })
    expect(await entries()).toEqual([])
  })

  it('answers a header without rows with zero counts', async () => {
    await setUp()

    const response = await importText(`${HEADER}\n\n`)

    expect(response.json()).toEqual({ success: true, created: 0, failed: 0, errors: [] })
  })

  it('numbers rows from 2, counting only non-blank lines', async () => {
    await setUp()
    const csv = [
      HEADER,
      '',
      row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z'),
      '   ',
      ',,,',
      '',
      'x,2025-01-06T11:00:00Z,2025-01-06T12:00:00Z',
    ].join('\n')

    const response = await importText(csv)

    expect(response.json()).toEqual({
      success: true,
      created: 1,
      failed: 2,
      errors: [
        { row: 3, error: 'project_id is required' },
        { row: 4, error: 'invalid project_id' },
      ],
    })
  })

  it('lists the first 50 failures and counts all of them', async () => {
    await setUp()
    const rows = Array.from(
      { length: 60 },
      (_, index) => `bad${index},2025-01-06T09:00:00Z,2025-01-06T10:00:00Z`,
    )

    const response = await importText(
      [HEADER, ...rows, row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')].join('\n'),
    )

    const summary = response.json()
    expect(summary).toMatchObject({ success: true, created: 1, failed: 60 })
    expect(summary.errors).toHaveLength(50)
    expect(summary.errors[0]).toEqual({ row: 2, error: 'invalid project_id' })
    expect(summary.errors[49]).toEqual({ row: 51, error: 'invalid project_id' })
  })

  it('tells event listeners about every imported entry after the commit', async () => {
    await setUp()
    const events: RecordedEvent[] = []
    t.deps.events.onCommitted((recorded) => events.push(...recorded))

    await importText(
      [
        HEADER,
        row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z', 'one'),
        row('2025-01-07T09:00:00Z', '2025-01-07T10:00:00Z', 'two'),
      ].join('\n'),
    )

    const stored = await entries()
    expect(
      events.map(({ eventType, envelope }) => [
        eventType,
        envelope.entity,
        envelope.data.notes,
        envelope.description,
      ]),
    ).toEqual([
      [
        'time_entry.created',
        { type: 'time_entry', id: stored[0]!.id, name: 'Website' },
        'one',
        'Created time entry for Website - 01:00:00',
      ],
      [
        'time_entry.created',
        { type: 'time_entry', id: stored[1]!.id, name: 'Website' },
        'two',
        'Created time entry for Website - 01:00:00',
      ],
    ])
  })

  it('needs the write:time_entries scope', async () => {
    await setUp()
    const user = await createUser(t.deps)
    const readOnly = bearer(await createToken(t.deps, user, ['read:time_entries']))

    const response = await t.app.inject({
      method: 'POST',
      url: URL,
      headers: { ...readOnly, 'content-type': 'text/csv' },
      payload: `${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z')}`,
    })

    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error_code: 'forbidden', required_scope: 'write:time_entries' })
  })

  it('accepts bodies past the global 1 MiB limit, up to 50 MiB, which other routes still refuse', async () => {
    await setUp()
    const padding = 'x'.repeat(2 * 1024 * 1024)

    const large = await importText(
      `${HEADER}\n${row('2025-01-06T09:00:00Z', '2025-01-06T10:00:00Z', padding)}`,
    )
    const tooLarge = await importText(`${HEADER}\n${'y'.repeat(50 * 1024 * 1024)}`)
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/v1/time-entries',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ notes: padding }),
    })

    expect(large.json()).toMatchObject({ created: 1 })
    expectError(tooLarge, 413, 'payload_too_large', 'Request body is too large (limit 50 MiB)')
    expectError(elsewhere, 413, 'payload_too_large', 'Request body is too large (limit 1 MiB)')
  })

  it('keeps the JSON-only rule for other routes', async () => {
    await setUp()

    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/time-entries',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: `${HEADER}\n`,
    })

    expectError(response, 415, 'unsupported_media_type', 'Content-Type must be application/json')
  })
})
