import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCliDatabase, runCli, type CliDatabase } from '../../test/cli-harness.js'
import { dialects } from '../../test/harness.js'
import { migrations } from '../db/migrations/index.js'

const TOKEN = /^tt_[A-Za-z0-9]{32}$/

describe('stint without a database', () => {
  it('prints help on stdout and exits 0 for --help', async () => {
    const result = await runCli(['--help'], {})

    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^Usage: stint/)
    expect(result.stdout).toMatch(/migrate[\s\S]*user[\s\S]*token/)
    expect(result.stderr).toBe('')
  })
})

describe.each(dialects)('stint accounts and tokens on $name', ({ name }) => {
  let database: CliDatabase

  const stint = (...args: string[]) => runCli(args, database.env)
  const createAlice = () =>
    stint(
      'user',
      'create',
      '--username',
      'Alice',
      '--password',
      'password-123',
      '--email',
      'alice@example.com',
    )

  beforeEach(async () => {
    database = await createCliDatabase(name)
  })

  afterEach(async () => database.drop())

  it('migrate applies every migration to a fresh database, and a second run applies nothing', async () => {
    const env =
      name === 'sqlite'
        ? { ...database.env, DATABASE_URL: `sqlite:${database.env.DATA_DIR}/fresh/stint.db` }
        : database.env

    const first = await runCli(['migrate'], env)
    const second = await runCli(['migrate'], env)

    expect(first).toEqual({
      status: 0,
      stdout: Object.keys(migrations)
        .map((m) => `Applied ${m}\n`)
        .join(''),
      stderr: '',
    })
    expect(second).toEqual({
      status: 0,
      stdout: 'No pending migrations; the database is up to date.\n',
      stderr: '',
    })
  })

  it('user create makes an account that signs in with its password', async () => {
    const result = await createAlice()

    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    const user = await database.deps.users.authenticate('alice', 'password-123')
    expect(user).toMatchObject({ username: 'alice', email: 'alice@example.com', role: 'user' })
  })

  it('user create --admin makes an administrator', async () => {
    const result = await stint(
      'user',
      'create',
      '--username',
      'root',
      '--password',
      'password-123',
      '--admin',
    )

    expect(result.status).toBe(0)
    expect(await database.deps.users.getByUsername('root')).toMatchObject({ role: 'admin', isAdmin: true })
  })

  it('user set-role gives the account the new role', async () => {
    await createAlice()

    const result = await stint('user', 'set-role', '--username', 'alice', '--role', 'manager')

    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    expect((await database.deps.users.getByUsername('alice')).role).toBe('manager')
  })

  it('token create prints the token alone on stdout, and the token authenticates with its scopes', async () => {
    await createAlice()

    const result = await stint(
      'token',
      'create',
      '--user',
      'alice',
      '--scopes',
      'read:*,write:time_entries',
      '--name',
      'ci',
    )

    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    const lines = result.stdout.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(TOKEN)
    expect(lines[1]).toBe('')
    const authenticated = await database.deps.tokens.authenticate(lines[0]!, '127.0.0.1')
    expect(authenticated.user.username).toBe('alice')
    expect(authenticated.scopes).toEqual(['read:*', 'write:time_entries'])
    expect(authenticated.token).toMatchObject({ name: 'ci', expiresAt: null })
  })

  it('token create with a negative --expires-days gives a token that is already expired', async () => {
    await createAlice()

    const result = await stint(
      'token',
      'create',
      '--user',
      'alice',
      '--scopes',
      'read:*',
      '--expires-days',
      '-3',
    )

    expect(result.status).toBe(0)
    await expect(database.deps.tokens.authenticate(result.stdout.trim(), '127.0.0.1')).rejects.toMatchObject({
      options: { extra: { reason: 'Token has expired' } },
    })
  })

  it('token list shows id, name, prefix, owner, scopes, expiry and last use, but never the token itself', async () => {
    await createAlice()
    const plain = (
      await stint(
        'token',
        'create',
        '--user',
        'alice',
        '--scopes',
        'read:projects',
        '--name',
        'deploy',
        '--expires-days',
        '30',
      )
    ).stdout.trim()
    const [token] = await database.deps.tokens.list()

    const result = await stint('token', 'list')

    expect(result.status).toBe(0)
    const [header, row, ...rest] = result.stdout.trimEnd().split('\n')
    expect(header?.split(/\s{2,}/)).toEqual([
      'ID',
      'NAME',
      'PREFIX',
      'USER',
      'SCOPES',
      'EXPIRY',
      'LAST USE',
      'STATUS',
    ])
    const expiry = token!.expiresAt!.toISOString().replace('.000Z', 'Z')
    expect(row?.split(/\s{2,}/)).toEqual([
      String(token!.id),
      'deploy',
      plain.slice(0, 8),
      'alice',
      'read:projects',
      expiry,
      'never',
      'active',
    ])
    expect(rest).toEqual([])
    expect(result.stdout).not.toContain(plain)
  })

  it('token list --user shows only the tokens of that user', async () => {
    await createAlice()
    await stint('user', 'create', '--username', 'bob', '--password', 'password-123')
    await stint('token', 'create', '--user', 'alice', '--scopes', 'read:*', '--name', 'alice-token')
    await stint('token', 'create', '--user', 'bob', '--scopes', 'read:*', '--name', 'bob-token')

    const result = await stint('token', 'list', '--user', 'bob')

    expect(result.status).toBe(0)
    expect(result.stdout).toContain('bob-token')
    expect(result.stdout).not.toContain('alice-token')
  })

  it('token revoke makes the token inactive, so it no longer authenticates', async () => {
    await createAlice()
    const plain = (await stint('token', 'create', '--user', 'alice', '--scopes', 'read:*')).stdout.trim()
    const [token] = await database.deps.tokens.list()

    const result = await stint('token', 'revoke', String(token!.id))

    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    expect((await database.deps.tokens.list())[0]?.isActive).toBe(false)
    await expect(database.deps.tokens.authenticate(plain, '127.0.0.1')).rejects.toMatchObject({
      options: { extra: { reason: 'Token has been revoked' } },
    })
    expect((await stint('token', 'list')).stdout).toMatch(/revoked$/m)
  })
})
