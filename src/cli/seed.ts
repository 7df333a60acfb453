import { InvalidArgumentError, type Command } from 'commander'
import { parseDate, type CalendarDate } from '../lib/datetime-input.js'
import type { SeedReport } from '../modules/seed/seed.types.js'
import { integerArgument } from './failure.js'
import { printLine, withStorage } from './storage.js'

interface SeedOptions {
  users: number
  projects: number
  entries: number
  endDate?: CalendarDate
}

const MAX_USERS = 10_000
const MAX_PROJECTS = 100_000
const MAX_ENTRIES = 10_000_000

function dateArgument(raw: string): CalendarDate {
  const date = parseDate(raw)
  if (!date) throw new InvalidArgumentError('Expected a date YYYY-MM-DD.')
  return date
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** What was created and how to sign in; the token lines are meant to be read by scripts too. */
function describe(report: SeedReport, seconds: number): string[] {
  const admin = report.admin.password
    ? `${report.admin.username} / ${report.admin.password} (administrator)`
    : `${report.admin.username} (the existing administrator, password unchanged)`
  const users = report.users === 1 ? report.firstUsername : `${report.firstUsername} … ${report.lastUsername}`
  return [
    `Seeded ${count(report.users, 'user')}, ${count(report.clients, 'client')}, ` +
      `${count(report.projects, 'project')} (${count(report.memberships, 'membership')}), ` +
      `${count(report.tasks, 'task')} and ${count(report.entries, 'time entry', 'time entries')} ` +
      `(${count(report.runningEntries, 'running timer')}) from ${report.firstDate} to ${report.lastDate} ` +
      `in ${seconds.toFixed(1)} s.`,
    `Sign in as ${admin}, or as ${users} with the password ${report.userPassword}.`,
    `Admin API token (${report.admin.username}, admin:all): ${report.adminToken}`,
    `User API token (${report.firstUsername}, read:*,write:*): ${report.userToken}`,
  ]
}

async function seed(options: SeedOptions): Promise<void> {
  const { report, seconds } = await withStorage(async (deps) => {
    const started = deps.clock.preciseNow()
    const report = await deps.seed.seed(options)
    return { report, seconds: (deps.clock.preciseNow() - started) / 1000 }
  })
  for (const line of describe(report, seconds)) printLine(line)
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('fill an empty database with deterministic demo and benchmark data')
    .requiredOption(
      '--users <n>',
      'user accounts user1 … userN',
      integerArgument(`a number of users between 1 and ${MAX_USERS}`, 1, MAX_USERS),
    )
    .requiredOption(
      '--projects <n>',
      'projects (with a client for every four)',
      integerArgument(`a number of projects between 1 and ${MAX_PROJECTS}`, 1, MAX_PROJECTS),
    )
    .requiredOption(
      '--entries <n>',
      'time entries over the two years before the end date, a few running timers included',
      integerArgument(`a number of entries between 0 and ${MAX_ENTRIES}`, 0, MAX_ENTRIES),
    )
    .option('--end-date <date>', 'the history ends the working day before (default: today)', dateArgument)
    .action(seed)
}
