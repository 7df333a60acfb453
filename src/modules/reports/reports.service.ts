import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import { visibilityOf } from '../users/visibility.rules.js'
import type { User } from '../users/user.types.js'
import { reportRange } from './report-range.rules.js'
import type { ReportsRepository } from './reports.repository.js'
import type {
  DetailedReport,
  ProjectsReport,
  ReportFilter,
  ReportPage,
  ReportRequest,
  SummaryReport,
  UsersReport,
} from './reports.types.js'

/** The report set of api-core.md §17 and its TrackingTime-style companions; all share one filter rule. */
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly clock: Clock,
    private readonly appTimezone: string,
  ) {}

  /**
   * Administrators report on every user or the one named; everyone else only on their own
   * entries, and naming another user is refused (api-core.md §17).
   */
  private filterFor(user: User, request: ReportRequest): ReportFilter {
    // Admins and managers (view_all_reports, api-core.md §8) see everyone; others only themselves.
    const seesEveryone = visibilityOf(user, 'reports').scope === 'all'
    if (!seesEveryone && request.userId !== undefined && request.userId !== user.id) {
      throw new AppError('forbidden', 'forbidden', 'Access denied')
    }
    const range = reportRange(request, this.clock.now(), this.appTimezone)
    const userId = seesEveryone ? request.userId : user.id
    return { ...range, projectId: request.projectId, userId }
  }

  /** Totals and hours per project over the range (`GET /reports/summary`). */
  async summary(user: User, request: ReportRequest): Promise<SummaryReport> {
    const filter = this.filterFor(user, request)
    const { totals, byProject } = await this.reports.tallyByProject(filter)
    return { range: filter, totals, byProject }
  }

  /** Totals and one page of the counted entries (`GET /reports/detailed`). */
  async detailed(user: User, request: ReportRequest, page: ReportPage): Promise<DetailedReport> {
    const filter = this.filterFor(user, request)
    const [totals, entries] = await Promise.all([
      this.reports.totals(filter),
      this.reports.listEntries(filter, page),
    ])
    return { range: filter, totals, entries, page }
  }

  /** Totals and all/billable hours per project (`GET /reports/projects`). */
  async projects(user: User, request: ReportRequest): Promise<ProjectsReport> {
    const filter = this.filterFor(user, request)
    const { totals, byProject } = await this.reports.tallyByProject(filter)
    return { range: filter, totals, projects: byProject }
  }

  /** Totals and all/billable hours per user (`GET /reports/users`). */
  async users(user: User, request: ReportRequest): Promise<UsersReport> {
    const filter = this.filterFor(user, request)
    const { totals, byUser } = await this.reports.tallyByUser(filter)
    return { range: filter, totals, users: byUser }
  }
}
