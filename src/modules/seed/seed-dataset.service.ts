import type { SeedEntryRow, SeedWriter } from './seed.repository.js'
import type { PlannedEntry, SeedCalendar, SeedCatalog } from './seed.types.js'
import { planEntries } from './seed-entries.rules.js'

/** Password hashes of the seeded accounts; the administrator only when the seed creates one. */
export interface SeedPasswords {
  userHash: string
  admin: { username: string; hash: string } | undefined
}

/** Ids of the written rows, by their position in the catalog. */
interface WrittenIds {
  users: number[]
  clients: number[]
  projects: number[]
  tasks: number[]
}

/** What was written, counted. */
export interface WrittenDataset {
  userIds: number[]
  adminId: number | undefined
  memberships: number
  entries: number
}

const toDate = (unixSeconds: number) => new Date(unixSeconds * 1000)

function idsOf(keys: string[], ids: Map<string, number>): number[] {
  return keys.map((key) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`seed: no id for ${key}`)
    return id
  })
}

function lookup(ids: number[], position: number | null): number | null {
  return position === null ? null : (ids[position] ?? null)
}

function toEntryRow(entry: PlannedEntry, ids: WrittenIds): SeedEntryRow {
  const userId = ids.users[entry.user] as number
  const touched = toDate(entry.end ?? entry.start)
  const { project, client, task, start, end } = entry
  return {
    breakSeconds: entry.breakSeconds,
    durationSeconds: entry.durationSeconds,
    notes: entry.notes,
    tags: entry.tags,
    source: entry.source,
    billable: entry.billable,
    paid: entry.paid,
    invoiceNumber: entry.invoiceNumber,
    userId,
    projectId: lookup(ids.projects, project),
    clientId: lookup(ids.clients, client),
    taskId: lookup(ids.tasks, task),
    startTime: toDate(start),
    endTime: end === null ? null : toDate(end),
    // A running seeded timer is its owner's one allowed timer (single_active_timer).
    singleTimerOwner: end === null ? userId : null,
    createdAt: touched,
    updatedAt: touched,
  }
}

function* entryRows(catalog: SeedCatalog, calendar: SeedCalendar, entries: number, ids: WrittenIds) {
  for (const entry of planEntries(catalog, calendar, entries)) yield toEntryRow(entry, ids)
}

async function writeUsers(writer: SeedWriter, catalog: SeedCatalog, passwords: SeedPasswords, at: Date) {
  const accounts = catalog.users.map((user) => ({ ...user, passwordHash: passwords.userHash }))
  const admin = passwords.admin
  const rows = admin
    ? [
        {
          username: admin.username,
          email: null,
          fullName: 'Administrator',
          passwordHash: admin.hash,
          role: 'admin',
        },
      ]
    : []
  const ids = await writer.insertUsers(
    [...rows, ...accounts].map((row) => ({ ...row, createdAt: at, updatedAt: at })),
  )
  return {
    users: idsOf(
      catalog.users.map((user) => user.username),
      ids,
    ),
    adminId: admin ? ids.get(admin.username) : undefined,
  }
}

async function writeClients(writer: SeedWriter, catalog: SeedCatalog, users: number[], at: Date) {
  const rows = catalog.clients.map(({ creator, ...client }) => ({
    ...client,
    company: client.name,
    description: null,
    createdBy: users[creator] ?? null,
    createdAt: at,
    updatedAt: at,
  }))
  return idsOf(
    catalog.clients.map((client) => client.name),
    await writer.insertClients(rows),
  )
}

async function writeProjects(writer: SeedWriter, catalog: SeedCatalog, ids: WrittenIds, at: Date) {
  const rows = catalog.projects.map(({ client, creator, members: _members, ...project }) => {
    const archived = project.status === 'archived'
    return {
      ...project,
      clientId: ids.clients[client] as number,
      createdBy: ids.users[creator] ?? null,
      archivedAt: archived ? at : null,
      archivedBy: archived ? (ids.users[creator] ?? null) : null,
      archivedReason: archived ? 'Completed' : null,
      createdAt: at,
      updatedAt: at,
    }
  })
  return idsOf(
    catalog.projects.map((project) => project.code),
    await writer.insertProjects(rows),
  )
}

async function writeMembers(writer: SeedWriter, catalog: SeedCatalog, ids: WrittenIds): Promise<number> {
  const rows = catalog.projects.flatMap((project, position) =>
    project.members.map((member) => ({
      projectId: ids.projects[position] as number,
      userId: ids.users[member] as number,
    })),
  )
  await writer.insertMembers(rows)
  return rows.length
}

async function writeTasks(writer: SeedWriter, catalog: SeedCatalog, ids: WrittenIds, at: Date) {
  const rows = catalog.tasks.map(({ project, assignee, creator, ...task }) => ({
    ...task,
    projectId: ids.projects[project] as number,
    description: null,
    dueDate: null,
    assignedTo: lookup(ids.users, assignee),
    createdBy: ids.users[creator] ?? null,
    tags: null,
    createdAt: at,
    updatedAt: at,
  }))
  const written = await writer.insertTasks(rows)
  return idsOf(
    rows.map((row) => `${row.projectId}/${row.name}`),
    written,
  )
}

/** Writes the catalog and streams the time entries in, in dependency order; one transaction around it all. */
export async function writeDataset(
  writer: SeedWriter,
  catalog: SeedCatalog,
  calendar: SeedCalendar,
  entries: number,
  passwords: SeedPasswords,
): Promise<WrittenDataset> {
  const at = toDate(calendar.createdAt)
  const { users, adminId } = await writeUsers(writer, catalog, passwords, at)
  const ids: WrittenIds = { users, clients: [], projects: [], tasks: [] }
  ids.clients = await writeClients(writer, catalog, users, at)
  ids.projects = await writeProjects(writer, catalog, ids, at)
  const memberships = await writeMembers(writer, catalog, ids)
  ids.tasks = await writeTasks(writer, catalog, ids, at)
  const written = await writer.insertEntries(entryRows(catalog, calendar, entries, ids))
  return { userIds: users, adminId, memberships, entries: written }
}
