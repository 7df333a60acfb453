import { Option, type Command } from 'commander'
import { MIN_PASSWORD_LENGTH, ROLE_NAMES } from '../modules/users/user.rules.js'
import { printLine, withStorage } from './storage.js'

interface CreateUserOptions {
  username: string
  password: string
  email?: string
  admin: boolean
}

interface SetRoleOptions {
  username: string
  role: string
}

async function createUser(options: CreateUserOptions): Promise<void> {
  const user = await withStorage((deps) =>
    deps.users.create({
      username: options.username,
      password: options.password,
      email: options.email ?? null,
      role: options.admin ? 'admin' : 'user',
    }),
  )
  printLine(`Created user ${user.username} (id ${user.id}, role ${user.role}).`)
}

async function setRole(options: SetRoleOptions): Promise<void> {
  const user = await withStorage((deps) => deps.users.setRole(options.username, options.role))
  printLine(`User ${user.username} now has the role ${user.role}.`)
}

export function registerUserCommands(program: Command): void {
  const users = program.command('user').description('manage user accounts')
  users
    .command('create')
    .description('create an account')
    .requiredOption('--username <username>', 'login name (stored in lowercase)')
    .requiredOption('--password <password>', `password, at least ${MIN_PASSWORD_LENGTH} characters`)
    .option('--email <email>', 'e-mail address')
    .option('--admin', 'give the account the admin role', false)
    .action(createUser)
  users
    .command('set-role')
    .description('give an account one of the system roles')
    .requiredOption('--username <username>', 'login name')
    .addOption(new Option('--role <role>', 'the new role').choices(ROLE_NAMES).makeOptionMandatory())
    .action(setRole)
}
