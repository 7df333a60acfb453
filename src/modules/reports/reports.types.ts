/** The report filters as the client sent them; dates stay text until the range rule reads them. */
export interface ReportRequest {
  startDate?: string
  endDate?: string
  projectId?: number
  userId?: number
}

/** An inclusive range of `start_time` instants. */
export interface ReportRange {
  start: Date
  end: Date
}

/** Which completed entries a report counts (api-core.md §17). */
export interface ReportFilter extends ReportRange {
  projectId?: number
  /** Undefined only for administrators reporting on every user. */
  userId?: number
}

/** Seconds summed in SQL; hours are derived from them once, when presented. */
export interface SecondsTally {
  totalSeconds: number
  billableSeconds: number
  entries: number
}

/** Names are null when the project (or its client) no longer exists. */
export interface ProjectTally extends SecondsTally {
  projectId: number
  projectName: string | null
  clientId: number | null
  clientName: string | null
}

export interface UserTally extends SecondsTally {
  userId: number
  username: string | null
  fullName: string | null
}

/** A completed entry as the detailed report lists it, with the names it shows. */
export interface ReportEntry {
  id: number
  userId: number
  username: string | null
  projectId: number | null
  projectName: string | null
  taskId: number | null
  taskName: string | null
  clientId: number | null
  startTime: Date
  endTime: Date | null
  durationSeconds: number | null
  notes: string | null
  tags: string | null
  billable: boolean
}

export interface ReportPage {
  page: number
  perPage: number
}

export interface SummaryReport {
  range: ReportRange
  totals: SecondsTally
  byProject: ProjectTally[]
}

export interface DetailedReport {
  range: ReportRange
  totals: SecondsTally
  entries: ReportEntry[]
  page: ReportPage
}

export interface ProjectsReport {
  range: ReportRange
  totals: SecondsTally
  projects: ProjectTally[]
}

export interface UsersReport {
  range: ReportRange
  totals: SecondsTally
  users: UserTally[]
}
