import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countRows, createCliDatabase, runCli, type CliDatabase } from '../../test/cli-harness.js'
import { createProject, createTimeEntry, createUser } from '../../test/factories.js'
import { dialects } from '../../test/harness.js'
import { prepareStorage } from '../dependencies.js'
import type { Project } from '../modules/projects/project.types.js'
import type { User } from '../modules/users/user.types.js'

const EXPORT_HEADER =
  'id,user,project_id,project,task_id,task,start_time,end_time,duration_seconds,notes,tags,billable'

describe.each(dialects)('stint import csv and export csv on $name', ({ name }) => {
  let database: CliDatabase
  const folder = mkdtempSync(path.join(tmpdir(), 'stint-csv-'))

  const stint = (...args: string[]) => runCli(args, database.env)

  function csvFile(text: string): string {
    const file = path.join(folder, `import-${Math.random().toString(36).slice(2)}.csv`)
    writeFileSync(file, text)
    return file
  }

  async function userWithProject(): Promise<{ user: User; project: Project }> {
    const user = await createUser(database.deps)
    return {
      user,
      project: await createProject(database.deps, user, { name: `Project of ${user.username}` }),
    }
  }

  async function entriesOf(user: User) {
    return database.deps.database.db
      .selectFrom('timeEntries')
      .select(['projectId', 'notes', 'durationSeconds', 'source'])
      .where('userId', '=', user.id)
      .orderBy('startTime')
      .execute()
  }

  beforeAll(async () => {
    database = await createCliDatabase(name)
    await prepareStorage(database.deps)
  })

  afterAll(async () => database.drop())

  describe('import csv', () => {
    it('imports the file as the user and prints the summary as JSON on stdout, nothing on stderr', async () => {
      const { user, project } = await userWithProject()
      const other = await userWithProject()
      const file = csvFile(
        [
          'Project ID,start,end,description',
          `${project.id},2025-01-06T09:00:00Z,2025-01-06T10:00:00Z,Planning`,
          `${other.project.id},2025-01-06T11:00:00Z,2025-01-06T12:00:00Z,Not mine`,
        ].join('\r\n'),
      )

      const result = await stint('import', 'csv', file, '--user', user.username.toUpperCase())

      expect(result).toEqual({
        status: 0,
        stdout: `${JSON.stringify({ success: true, created: 1, failed: 1, errors: [{ row: 3, error: 'no access to project' }] })}\n`,
        stderr: '',
      })
      expect(await entriesOf(user)).toEqual([
        { projectId: project.id, notes: 'Planning', durationSeconds: 3600, source: 'manual' },
      ])
    })

    it.each([
      {
        description: 'a missing file',
        args: (file: string) => [`${file}.missing`],
        message: /^stint: Cannot read .*ENOENT/,
      },
      { description: 'a folder', args: () => [folder], message: /^stint: Cannot read .*EISDIR/ },
      { description: 'an empty file', args: () => [csvFile(' \n')], message: /^stint: Empty CSV$/ },
      {
        description: 'a file without a header',
        args: () => [csvFile('\n1,2,3\n')],
        message: /^stint: CSV must include a header row$/,
      },
    ])(
      'rejects $description with one line on stderr and exit status 2, writing nothing',
      async ({ args, message }) => {
        const { user, project } = await userWithProject()
        const file = csvFile(
          `project_id,start_time,end_time\n${project.id},2025-01-06T09:00:00Z,2025-01-06T10:00:00Z\n`,
        )
        const before = await countRows(database.deps.database)

        const result = await stint('import', 'csv', ...args(file), '--user', user.username)

        expect(result.status).toBe(2)
        expect(result.stdout).toBe('')
        expect(result.stderr).toMatch(/^stint: [^\n]+\n$/)
        expect(result.stderr.trimEnd()).toMatch(message)
        expect(await countRows(database.deps.database)).toEqual(before)
      },
    )

    it('rejects an unknown user, or none, with exit status 2 and writes nothing', async () => {
      const { project } = await userWithProject()
      const file = csvFile(
        `project_id,start_time,end_time\n${project.id},2025-01-06T09:00:00Z,2025-01-06T10:00:00Z\n`,
      )
      const before = await countRows(database.deps.database)

      const unknown = await stint('import', 'csv', file, '--user', 'nobody')
      const missing = await stint('import', 'csv', file)

      expect(unknown).toEqual({ status: 2, stdout: '', stderr: 'stint: User "nobody" not found\n' })
      expect(missing).toEqual({
        status: 2,
        stdout: '',
        stderr: "stint: required option '--user <username>' not specified\n",
      })
      expect(await countRows(database.deps.database)).toEqual(before)
    })
  })

  describe('export csv', () => {
    it("writes the user's completed entries as CSV, oldest first, within the days asked for", async () => {
      const { user, project } = await userWithProject()
      const at = (day: number, notes: string, endTime: Date | null = new Date(Date.UTC(2025, 1, day, 10))) =>
        createTimeEntry(database.deps, user, {
          projectId: project.id,
          startTime: new Date(Date.UTC(2025, 1, day, 9)),
          endTime,
          notes,
        })
      const late = await at(12, 'Late, with "quotes"')
      const early = await at(10, 'Early')
      await at(9, 'Before the range')
      await at(13, 'After the range')
      await at(11, 'Running', null)
      await createTimeEntry(database.deps, (await userWithProject()).user, {
        startTime: new Date(Date.UTC(2025, 1, 11, 9)),
      })

      const result = await stint(
        'export',
        'csv',
        '--user',
        user.username,
        '--from',
        '2025-02-10',
        '--to',
        '2025-2-12',
      )

      expect(result.status).toBe(0)
      expect(result.stderr).toBe('')
      expect(result.stdout).toBe(
        [
          EXPORT_HEADER,
          `${early.id},${user.username},${project.id},${project.name},,,2025-02-10T09:00:00Z,2025-02-10T10:00:00Z,3600,Early,,true`,
          `${late.id},${user.username},${project.id},${project.name},,,2025-02-12T09:00:00Z,2025-02-12T10:00:00Z,3600,"Late, with ""quotes""",,true`,
          '',
        ].join('\n'),
      )
    })

    it('pages through more entries than one page holds, and an export imports back to the same entries', async () => {
      const { user, project } = await userWithProject()
      const rows = Array.from({ length: 2500 }, (_, index) => {
        const start = new Date(Date.UTC(2023, 0, 1) + index * 3_600_000).toISOString()
        const end = new Date(Date.UTC(2023, 0, 1) + index * 3_600_000 + 1_800_000).toISOString()
        return `${project.id},${start},${end},Entry ${index},${index % 3 === 0 ? 'a;b' : ''},${index % 2 === 0}`
      })
      await database.deps.timeEntryImport.importCsv(
        user,
        ['project_id,start_time,end_time,notes,tags,billable', ...rows].join('\n'),
      )

      const exported = await stint('export', 'csv', '--user', user.username)
      await database.deps.database.db.deleteFrom('timeEntries').where('userId', '=', user.id).execute()
      const imported = await stint('import', 'csv', csvFile(exported.stdout), '--user', user.username)
      const again = await stint('export', 'csv', '--user', user.username)

      const records = parse<Record<string, string>>(exported.stdout, { columns: true })
      expect(records).toHaveLength(2500)
      expect(records.map((record) => record.notes)).toEqual(rows.map((_, index) => `Entry ${index}`))
      expect(JSON.parse(imported.stdout)).toEqual({ success: true, created: 2500, failed: 0, errors: [] })
      const withoutIds = (text: string) => text.split('\n').map((line) => line.replace(/^\d+,/, ''))
      expect(withoutIds(again.stdout)).toEqual(withoutIds(exported.stdout))
    })

    it('rejects a bad date or an unknown user with exit status 2 and prints nothing on stdout', async () => {
      const badDate = await stint('export', 'csv', '--from', '2025-02-30')
      const unknown = await stint('export', 'csv', '--user', 'nobody')

      expect(badDate).toEqual({
        status: 2,
        stdout: '',
        stderr:
          "stint: option '--from <date>' argument '2025-02-30' is invalid. Expected a date YYYY-MM-DD.\n",
      })
      expect(unknown).toEqual({ status: 2, stdout: '', stderr: 'stint: User "nobody" not found\n' })
    })
  })
})
