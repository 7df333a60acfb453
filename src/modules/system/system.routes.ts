import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { datetimeWriter } from '../../http/datetime-output.js'
import type { Clock } from '../../platform/clock.js'
import type { SettingsService } from '../settings/settings.service.js'
import type { SetupService } from '../setup/setup.service.js'
import { HealthJson, InfoJson } from './system.schemas.js'

export interface SystemRoutesOptions {
  settings: SettingsService
  setup: SetupService
  clock: Clock
  appVersion: string
  appTimezone: string
}

const ENDPOINTS = {
  projects: '/api/v1/projects',
  time_entries: '/api/v1/time-entries',
  tasks: '/api/v1/tasks',
  clients: '/api/v1/clients',
  quotes: '/api/v1/quotes',
  users: '/api/v1/users',
  reports: '/api/v1/reports',
  search: '/api/v1/search',
}

/** `GET /api/v1/info` and `GET /api/v1/health` (api-core.md §7): public, never redirected. */
export const systemRoutes: FastifyPluginAsyncTypebox<SystemRoutesOptions> = async (app, options) => {
  app.get(
    '/info',
    {
      config: { auth: 'public' },
      schema: { tags: ['System'], summary: 'API information', response: { 200: InfoJson } },
    },
    async () => ({
      api_version: 'v1',
      app_version: options.appVersion,
      setup_required: await options.setup.isSetupRequired(),
      enabled_modules: await options.settings.enabledModules(),
      documentation_url: '/api/docs',
      authentication: 'API Token (Bearer or X-API-Key header)',
      endpoints: ENDPOINTS,
      timezone: options.appTimezone,
    }),
  )

  app.get(
    '/health',
    {
      config: { auth: 'public' },
      schema: { tags: ['System'], summary: 'Liveness probe', response: { 200: HealthJson } },
    },
    async (request, reply) => ({
      status: 'healthy' as const,
      timestamp: datetimeWriter(request, reply, options.appTimezone)(options.clock.now()),
    }),
  )
}
