import type { CalendarDate } from '../../lib/datetime-input.js'

/** `manual` for API create and CSV import, `auto` for timer starts (api-core.md §12.1). */
export type TimeEntrySource = 'manual' | 'auto'

/** A time entry as stored; a running timer has `endTime` null (api-core.md §12.1). */
export interface TimeEntry {
  id: number
  userId: number
  projectId: number | null
  clientId: number | null
  taskId: number | null
  startTime: Date
  endTime: Date | null
  /** Net of breaks and rounded; null while running. */
  durationSeconds: number | null
  breakSeconds: number
  pausedAt: Date | null
  notes: string | null
  tags: string | null
  source: TimeEntrySource
  billable: boolean
  paid: boolean
  invoiceNumber: string | null
  createdAt: Date
  updatedAt: Date
}

/** An entry with the names the serialized entry shows, loaded in the same query. */
export interface TimeEntryView extends TimeEntry {
  userName: string | null
  projectName: string | null
  /** Name of the entry's own client (null for project entries without one). */
  clientName: string | null
  taskName: string | null
}

/** What a new entry is stored with. */
export interface NewTimeEntry {
  userId: number
  projectId: number | null
  clientId: number | null
  taskId: number | null
  startTime: Date
  endTime: Date | null
  durationSeconds: number | null
  breakSeconds: number
  notes: string | null
  tags: string | null
  source: TimeEntrySource
  billable: boolean
  paid: boolean
  invoiceNumber: string | null
  /** True when this running entry is the owner's one allowed timer (single_active_timer). */
  holdsSingleTimer: boolean
}

/** Columns an update may change. */
export type TimeEntryChanges = Partial<
  Pick<
    TimeEntry,
    | 'projectId'
    | 'clientId'
    | 'taskId'
    | 'startTime'
    | 'endTime'
    | 'durationSeconds'
    | 'breakSeconds'
    | 'notes'
    | 'tags'
    | 'billable'
    | 'paid'
    | 'invoiceNumber'
  >
>

/** Which entries a list shows; every given condition applies. */
export interface TimeEntryFilter {
  userId?: number
  projectId?: number
  /** `start_time ≥` this. */
  startFrom?: Date
  /** `start_time ≤` this. */
  startUntil?: Date
  billable?: boolean
  includeRunning: boolean
}

/** A new entry as a client describes it (api-core.md §12.6); ids already parsed, texts normalized. */
export interface CreateEntryInput {
  /** The owner when an admin creates for someone else; null = the caller. */
  userId: number | null
  projectId: number | null
  clientId: number | null
  taskId: number | null
  /** An instant, or a local day for the React desktop's `{date, duration_minutes}` form. */
  start: { startTime: Date } | { date: CalendarDate }
  endTime: Date | null
  /** Sets the end when `endTime` is null. */
  durationMinutes: number | null
  breakSeconds: number
  notes: string | null
  tags: string | null
  billable: boolean
  paid: boolean
  invoiceNumber: string | null
}

/** How CSV import and other bulk callers reuse creation. */
export interface CreateEntryOptions {
  source?: TimeEntrySource
  /** Settings requirements of §12.4 (skipped for admin CSV imports). */
  checkRequirements?: boolean
  /** Overlap with completed entries (skipped for admin CSV imports). */
  checkOverlap?: boolean
}

/** List filters from the query, before the caller's visibility applies. */
export interface ListEntriesQuery extends Omit<TimeEntryFilter, 'userId'> {
  /** `user_id`: 0 or absent = everyone the caller may see. */
  userId: number | null
}

/** Which page of a list: 1-based page number and its size. */
export interface EntryPage {
  page: number
  perPage: number
}

/** Where a keyset page ends: the last entry's start and id (pages are ordered by both). */
export interface EntryCursor {
  startTime: Date
  id: number
}
