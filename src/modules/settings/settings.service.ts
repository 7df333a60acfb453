import type { Settings, SettingsRepository } from './settings.repository.js'

/** Core modules (always on) then optional ones, in the stable order of api-core.md §7.1. */
const CORE_MODULES = ['auth', 'main', 'projects', 'timer', 'tasks']
const OPTIONAL_MODULES = [
  'clients',
  'quotes',
  'reports',
  'inventory',
  'deals',
  'leads',
  'approvals',
  'webhooks',
  'integrations',
]
const MODULE_DEPENDENCIES: Record<string, string[]> = {
  quotes: ['clients'],
  deals: ['clients'],
  leads: ['clients'],
}

/** Settings are read from the database on every call, so a change applies to the next request. */
export class SettingsService {
  constructor(private readonly settings: SettingsRepository) {}

  async ensureInstalled(singleActiveTimer: boolean): Promise<void> {
    await this.settings.ensureRow(singleActiveTimer)
  }

  async get(): Promise<Settings> {
    return this.settings.get()
  }

  /** Ids of the modules enabled right now (api-extended.md §8.3). */
  async enabledModules(forAdmin = false): Promise<string[]> {
    const disabled = new Set((await this.settings.get()).disabledModuleIds)
    const enabled = new Set(CORE_MODULES)
    for (const id of OPTIONAL_MODULES) {
      const dependenciesOn = (MODULE_DEPENDENCIES[id] ?? []).every((d) => enabled.has(d))
      const switchedOn = !disabled.has(id) || (id === 'clients' && forAdmin)
      if (dependenciesOn && switchedOn) enabled.add(id)
    }
    return [...enabled]
  }
}
