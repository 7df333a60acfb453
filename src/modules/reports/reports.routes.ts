import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../http/actor.js'
import { datetimeWriter } from '../../http/datetime-output.js'
import { withErrors } from '../../http/schemas.js'
import type { User } from '../users/user.types.js'
import {
  fromDetailedReportQuery,
  fromReportQuery,
  toDetailedReportJson,
  toProjectsReportJson,
  toSummaryReportJson,
  toUsersReportJson,
} from './reports.presenter.js'
import {
  DetailedReportJson,
  DetailedReportQuery,
  ProjectsReportJson,
  ReportQuery,
  SummaryReportJson,
  UsersReportJson,
} from './reports.schemas.js'
import type { ReportsService } from './reports.service.js'

export interface ReportsRoutesOptions {
  reports: ReportsService
  appTimezone: string
}

const READ_REPORTS = { scope: 'read:reports' }

function reportingUser(request: FastifyRequest): User {
  return (request.actor as Actor).user // the authentication hook sets it on every `api` route
}

/** `/api/v1/reports/…`: the summary of api-core.md §17 and the TrackingTime-style reports. */
export const reportsRoutes: FastifyPluginAsyncTypebox<ReportsRoutesOptions> = async (
  app,
  { reports, appTimezone },
) => {
  app.get(
    '/reports/summary',
    {
      config: READ_REPORTS,
      schema: {
        tags: ['Reports'],
        summary: 'Total, billable and per-project hours of completed entries in a range',
        querystring: ReportQuery,
        response: withErrors({ 200: SummaryReportJson }),
      },
    },
    async (request, reply) => {
      const report = await reports.summary(reportingUser(request), fromReportQuery(request.query))
      return toSummaryReportJson(report, datetimeWriter(request, reply, appTimezone))
    },
  )

  app.get(
    '/reports/detailed',
    {
      config: READ_REPORTS,
      schema: {
        tags: ['Reports'],
        summary: 'Totals and a page of the completed entries in a range',
        querystring: DetailedReportQuery,
        response: withErrors({ 200: DetailedReportJson }),
      },
    },
    async (request, reply) => {
      const report = await reports.detailed(reportingUser(request), ...fromDetailedReportQuery(request.query))
      return toDetailedReportJson(report, datetimeWriter(request, reply, appTimezone))
    },
  )

  app.get(
    '/reports/projects',
    {
      config: READ_REPORTS,
      schema: {
        tags: ['Reports'],
        summary: 'Total and billable hours per project in a range',
        querystring: ReportQuery,
        response: withErrors({ 200: ProjectsReportJson }),
      },
    },
    async (request, reply) => {
      const report = await reports.projects(reportingUser(request), fromReportQuery(request.query))
      return toProjectsReportJson(report, datetimeWriter(request, reply, appTimezone))
    },
  )

  app.get(
    '/reports/users',
    {
      config: READ_REPORTS,
      schema: {
        tags: ['Reports'],
        summary: 'Total and billable hours per user in a range',
        querystring: ReportQuery,
        response: withErrors({ 200: UsersReportJson }),
      },
    },
    async (request, reply) => {
      const report = await reports.users(reportingUser(request), fromReportQuery(request.query))
      return toUsersReportJson(report, datetimeWriter(request, reply, appTimezone))
    },
  )
}
