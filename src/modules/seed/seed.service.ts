import { AppError } from '../../errors.js'
import { formatDate, parseDate, type CalendarDate } from '../../lib/datetime-input.js'
import { localDate } from '../../lib/zoned-time.js'
import type { Clock } from '../../platform/clock.js'
import { hashPassword } from '../../platform/password.js'
import type { TokenService } from '../tokens/token.service.js'
import type { SeedRepository } from './seed.repository.js'
import type { SeedCatalog, SeedReport, SeedRequest } from './seed.types.js'
import { planCatalog } from './seed-catalog.rules.js'
import { seedCalendar } from './seed-calendar.rules.js'
import { writeDataset, type SeedPasswords } from './seed-dataset.service.js'
import { MAX_ENTRIES_PER_USER, runningTimerCount } from './seed-entries.rules.js'

/** The password of every seeded user account. */
export const SEED_USER_PASSWORD = 'password-123'
/** The administrator the seed creates when the installation has none yet. */
export const SEED_ADMIN = { username: 'admin', password: 'admin-password' } as const
/** Every data set derives from this one seed, so equal requests give equal data. */
const DATA_SEED = 20_250_101

const invalid = (message: string) => new AppError('invalid', 'bad_request', message)

/** `stint seed`: a deterministic demo and benchmark data set (CONTRACT.md "Command line"). */
export class SeedService {
  constructor(
    private readonly seeds: SeedRepository,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly appTimezone: string,
  ) {}

  /** Writes users, clients, projects, tasks and entries in one transaction, then creates two API tokens. */
  async seed(request: SeedRequest): Promise<SeedReport> {
    assertEntriesFit(request)
    const endDate = request.endDate ?? this.today()
    const catalog = planCatalog(request.users, request.projects, DATA_SEED)
    const calendar = seedCalendar(endDate, this.appTimezone)
    const existingAdmin = await this.seeds.findActiveAdmin()
    await this.assertSeedable(catalog, existingAdmin === undefined)
    const passwords = await hashPasswords(existingAdmin === undefined)
    const written = await this.seeds.writeAll((writer) =>
      writeDataset(writer, catalog, calendar, request.entries, passwords),
    )
    const adminId = existingAdmin?.id ?? written.adminId
    const firstUserId = written.userIds[0]
    if (adminId === undefined || firstUserId === undefined) throw new Error('seed: accounts were not written')
    return {
      users: catalog.users.length,
      clients: catalog.clients.length,
      projects: catalog.projects.length,
      memberships: written.memberships,
      tasks: catalog.tasks.length,
      entries: written.entries,
      runningEntries: runningTimerCount(request.users, request.entries),
      firstDate: formatDate(calendar.days[0] as CalendarDate),
      lastDate: formatDate(calendar.days.at(-1) as CalendarDate),
      userPassword: SEED_USER_PASSWORD,
      firstUsername: catalog.users[0]?.username ?? '',
      lastUsername: catalog.users.at(-1)?.username ?? '',
      admin: existingAdmin ? { username: existingAdmin.username, password: undefined } : { ...SEED_ADMIN },
      adminToken: await this.createToken(adminId, 'Seed administrator token', ['admin:all']),
      userToken: await this.createToken(firstUserId, 'Seed user token', ['read:*', 'write:*']),
    }
  }

  private today(): CalendarDate {
    return parseDate(localDate(this.clock.now(), this.appTimezone)) as CalendarDate
  }

  /** The data set needs a database without time-tracking data and its usernames free. */
  private async assertSeedable(catalog: SeedCatalog, createsAdmin: boolean): Promise<void> {
    if (await this.seeds.hasTrackingData()) {
      throw invalid('The database already holds clients, projects or time entries; seed an empty database')
    }
    const usernames = catalog.users.map((user) => user.username)
    if (createsAdmin) usernames.push(SEED_ADMIN.username)
    const [taken] = await this.seeds.takenUsernames(usernames)
    if (taken !== undefined) throw new AppError('conflict', 'conflict', `User "${taken}" already exists`)
  }

  private async createToken(userId: number, name: string, scopes: string[]): Promise<string> {
    return (await this.tokens.create({ userId, name, scopes })).plain
  }
}

function assertEntriesFit(request: SeedRequest): void {
  const completed = request.entries - runningTimerCount(request.users, request.entries)
  if (Math.ceil(completed / request.users) > MAX_ENTRIES_PER_USER) {
    throw invalid(
      `Too many entries for ${request.users} user${request.users === 1 ? '' : 's'}: ` +
        `at most ${MAX_ENTRIES_PER_USER * request.users} ` +
        `(${MAX_ENTRIES_PER_USER} per user)`,
    )
  }
}

/** scrypt is slow on purpose: one hash serves every seeded account. */
async function hashPasswords(createsAdmin: boolean): Promise<SeedPasswords> {
  return {
    userHash: await hashPassword(SEED_USER_PASSWORD),
    admin: createsAdmin
      ? { username: SEED_ADMIN.username, hash: await hashPassword(SEED_ADMIN.password) }
      : undefined,
  }
}
