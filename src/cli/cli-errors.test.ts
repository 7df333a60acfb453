import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countRows, createCliDatabase, runCli, type CliDatabase } from '../../test/cli-harness.js'
import { dialects } from '../../test/harness.js'

interface BadInput {
  description: string
  args: string[]
  message: RegExp
}

const badInputs: BadInput[] = [
  { description: 'an unknown command', args: ['frobnicate'], message: /unknown command 'frobnicate'/ },
  { description: 'a command group without its command', args: ['user'], message: /missing command/ },
  {
    description: 'an unknown option',
    args: ['user', 'create', '--username', 'carol', '--password', 'password-123', '--colour', 'red'],
    message: /unknown option '--colour'/,
  },
  {
    description: 'a missing required option',
    args: ['user', 'create', '--username', 'carol'],
    message: /required option '--password <password>' not specified/,
  },
  {
    description: 'an invalid role',
    args: ['user', 'set-role', '--username', 'alice', '--role', 'boss'],
    message: /Allowed choices are admin, manager, user, viewer, subcontractor/,
  },
  {
    description: 'set-role for an unknown user',
    args: ['user', 'set-role', '--username', 'nobody', '--role', 'manager'],
    message: /User "[a-z0-9._-]+" not found/,
  },
  {
    description: 'a duplicate username',
    args: ['user', 'create', '--username', 'ALICE', '--password', 'password-123'],
    message: /already exists/,
  },
  {
    description: 'a short password',
    args: ['user', 'create', '--username', 'carol', '--password', 'short'],
    message: /^stint: Validation failed: password: Password must be at least 8 characters long\.$/,
  },
  {
    description: 'a token for an unknown user',
    args: ['token', 'create', '--user', 'nobody', '--scopes', 'read:*'],
    message: /User "[a-z0-9._-]+" not found/,
  },
  {
    description: 'an unknown scope',
    args: ['token', 'create', '--user', 'alice', '--scopes', 'read:*,fly:rockets'],
    message: /scopes: Unknown scope: fly:rockets/,
  },
  {
    description: 'an empty scope list',
    args: ['token', 'create', '--user', 'alice', '--scopes', ' , '],
    message: /Expected at least one scope/,
  },
  {
    description: 'a non-integer --expires-days',
    args: ['token', 'create', '--user', 'alice', '--scopes', 'read:*', '--expires-days', '1.5'],
    message: /'1\.5' is invalid/,
  },
  {
    description: 'a token list for an unknown user',
    args: ['token', 'list', '--user', 'nobody'],
    message: /User "[a-z0-9._-]+" not found/,
  },
  { description: 'a non-integer token id', args: ['token', 'revoke', 'abc'], message: /'abc' is invalid/ },
  { description: 'an unknown token id', args: ['token', 'revoke', '999999'], message: /API token not found/ },
  { description: 'an unexpected argument', args: ['migrate', 'now'], message: /too many arguments/ },
]

describe.each(dialects)('stint on bad input on $name', ({ name }) => {
  let database: CliDatabase

  beforeAll(async () => {
    database = await createCliDatabase(name)
    const user = await runCli(
      ['user', 'create', '--username', 'alice', '--password', 'password-123'],
      database.env,
    )
    const token = await runCli(['token', 'create', '--user', 'alice', '--scopes', 'read:*'], database.env)
    expect([user.status, token.status]).toEqual([0, 0])
  })

  afterAll(async () => database.drop())

  it.each(badInputs)(
    'rejects $description with one line on stderr and exit status 2, writing nothing',
    async ({ args, message }) => {
      const before = await countRows(database.deps.database)

      const result = await runCli(args, database.env)

      expect(result.status).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^stint: [^\n]+\n$/)
      expect(result.stderr.trimEnd()).toMatch(message)
      expect(await countRows(database.deps.database)).toEqual(before)
    },
  )

  it('leaves the role unchanged when set-role is given an invalid role', async () => {
    await runCli(['user', 'set-role', '--username', 'alice', '--role', 'boss'], database.env)

    const alice = await database.deps.users.getByUsername('alice')

    expect(alice.role).toBe('user')
  })

  it('reports a bad environment in one line with exit status 2', async () => {
    const result = await runCli(['token', 'list'], { ...database.env, SECRET_KEY: 'too-short' })

    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'stint: SECRET_KEY must be at least 16 characters long\n',
    })
  })
})
