import { InvalidArgumentError, type Command } from 'commander'
import type { ApiToken } from '../modules/tokens/token.repository.js'
import { integerArgument } from './failure.js'
import { printLine, withStorage } from './storage.js'
import { formatTable } from './table.js'

interface CreateTokenOptions {
  user: string
  scopes: string[]
  name: string
  expiresDays?: number
}

// Far enough for any real use, near enough that the expiry stays a valid date on both databases.
const MAX_EXPIRY_DAYS = 1_000_000

function scopeList(raw: string): string[] {
  const scopes = raw
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '')
  if (scopes.length === 0) throw new InvalidArgumentError('Expected at least one scope.')
  return scopes
}

function instant(date: Date | null, absent: string): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : absent
}

function status(token: ApiToken, now: Date): string {
  if (!token.isActive) return 'revoked'
  return token.expiresAt && token.expiresAt.getTime() < now.getTime() ? 'expired' : 'active'
}

/** The table of `token list`: the prefix identifies a token, the full value is never stored. */
function tokenTable(tokens: ApiToken[], now: Date): string {
  const headers = ['ID', 'NAME', 'PREFIX', 'USER', 'SCOPES', 'EXPIRY', 'LAST USE', 'STATUS']
  const rows = tokens.map((token) => [
    String(token.id),
    token.name,
    token.tokenPrefix,
    token.username,
    token.scopes,
    instant(token.expiresAt, 'never'),
    instant(token.lastUsedAt, 'never'),
    status(token, now),
  ])
  return formatTable(headers, rows)
}

async function createToken(options: CreateTokenOptions): Promise<void> {
  const plain = await withStorage(async (deps) => {
    const user = await deps.users.getByUsername(options.user)
    const input = {
      userId: user.id,
      name: options.name,
      scopes: options.scopes,
      expiresDays: options.expiresDays,
    }
    return (await deps.tokens.create(input)).plain
  })
  // Alone on stdout so scripts can capture it: TOKEN=$(stint token create …).
  printLine(plain)
}

async function listTokens(options: { user?: string }): Promise<void> {
  const table = await withStorage(async (deps) => {
    const user = options.user === undefined ? undefined : await deps.users.getByUsername(options.user)
    return tokenTable(await deps.tokens.list(user?.id), deps.clock.now())
  })
  printLine(table)
}

async function revokeToken(id: number): Promise<void> {
  await withStorage((deps) => deps.tokens.revoke(id))
  printLine(`Revoked API token ${id}.`)
}

export function registerTokenCommands(program: Command): void {
  const tokens = program.command('token').description('manage API tokens')
  tokens
    .command('create')
    .description('create an API token and print it (it is shown only once)')
    .requiredOption('--user <username>', 'owner of the token')
    .requiredOption('--scopes <scopes>', 'comma-separated scopes, e.g. read:*,write:time_entries', scopeList)
    .option('--name <name>', 'label shown in token lists', 'CLI token')
    .option(
      '--expires-days <days>',
      'days until expiry; negative gives an expired token',
      integerArgument(
        `a whole number of days between -${MAX_EXPIRY_DAYS} and ${MAX_EXPIRY_DAYS}`,
        -MAX_EXPIRY_DAYS,
        MAX_EXPIRY_DAYS,
      ),
    )
    .action(createToken)
  tokens
    .command('list')
    .description('list API tokens (never their values)')
    .option('--user <username>', 'only the tokens of this user')
    .action(listTokens)
  tokens
    .command('revoke')
    .description('revoke an API token')
    .argument(
      '<id>',
      'token id (see token list)',
      integerArgument('a token id (a positive integer)', 1, Number.MAX_SAFE_INTEGER),
    )
    .action(revokeToken)
}
