import type { CalendarDate } from '../../lib/datetime-input.js'
import type { ProjectStatus } from '../projects/project.types.js'
import type { TaskPriority, TaskStatus } from '../tasks/task.types.js'
import type { TimeEntrySource } from '../time-entries/time-entry.types.js'
import type { RoleName } from '../users/user.rules.js'

/** What `stint seed` is asked for (CONTRACT.md "Command line"). */
export interface SeedRequest {
  users: number
  projects: number
  /** Time entries in all, the running timers included. */
  entries: number
  /** The day the history leads up to (it ends the working day before); default today. */
  endDate?: CalendarDate
}

// The plan refers to other planned rows by their position; the service maps positions to ids.

export interface PlannedUser {
  username: string
  email: string
  fullName: string
  role: RoleName
}

export interface PlannedClient {
  name: string
  contactPerson: string
  email: string
  phone: string
  address: string
  defaultHourlyRateCents: number
  creator: number
}

export interface PlannedProject {
  name: string
  code: string
  client: number
  description: string
  billable: boolean
  hourlyRateCents: number | null
  status: ProjectStatus
  estimatedHours: number | null
  budgetAmountCents: number | null
  color: string
  creator: number
  /** Users who work on it, the creator included. */
  members: number[]
}

export interface PlannedTask {
  project: number
  name: string
  status: TaskStatus
  priority: TaskPriority
  estimatedHours: number | null
  assignee: number | null
  creator: number
}

/** Everything but the time entries. */
export interface SeedCatalog {
  /** The seed every random stream of the data set derives from. */
  seed: number
  users: PlannedUser[]
  clients: PlannedClient[]
  projects: PlannedProject[]
  tasks: PlannedTask[]
}

/** A planned time entry; instants in Unix seconds, `end` null for a running timer. */
export interface PlannedEntry {
  user: number
  project: number | null
  client: number | null
  task: number | null
  start: number
  end: number | null
  breakSeconds: number
  durationSeconds: number | null
  notes: string | null
  tags: string | null
  source: TimeEntrySource
  billable: boolean
  paid: boolean
  invoiceNumber: string | null
}

/** The local working days the history covers, oldest first. */
export interface SeedCalendar {
  days: CalendarDate[]
  /** Unix seconds of each day's local midnight. */
  midnights: number[]
  /** Unix seconds the catalog rows are created at (before the first day). */
  createdAt: number
}

/** What a seed run created, for the command to print. */
export interface SeedReport {
  users: number
  clients: number
  projects: number
  memberships: number
  tasks: number
  entries: number
  runningEntries: number
  firstDate: string
  lastDate: string
  userPassword: string
  firstUsername: string
  lastUsername: string
  admin: { username: string; password: string | undefined }
  adminToken: string
  userToken: string
}
