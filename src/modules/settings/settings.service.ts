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
/**
 * Modules that gate routes (api-extended.md §0.5) without being listed in `enabled_modules`;
 * any other id is unknown and therefore disabled (§8.3).
 */
const GATING_ONLY_MODULES = ['contacts', 'time_approvals']
const MODULE_DEPENDENCIES: Record<string, string[]> = {
  quotes: ['clients'],
  deals: ['clients'],
  leads: ['clients'],
  contacts: ['clients'],
  time_approvals: ['timer'],
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
    const enabled = await this.enabledSet(forAdmin)
    return [...CORE_MODULES, ...OPTIONAL_MODULES].filter((id) => enabled.has(id))
  }

  /** True when the module `id` is enabled for an administrator or another user (§8.3); unknown ids are not. */
  async isModuleEnabled(id: string, forAdmin: boolean): Promise<boolean> {
    return (await this.enabledSet(forAdmin)).has(id)
  }

  private async enabledSet(forAdmin: boolean): Promise<Set<string>> {
    const disabled = new Set((await this.settings.get()).disabledModuleIds)
    const enabled = new Set(CORE_MODULES)
    // Dependencies come before their dependants in this order.
    for (const id of [...OPTIONAL_MODULES, ...GATING_ONLY_MODULES]) {
      const dependenciesOn = (MODULE_DEPENDENCIES[id] ?? []).every((d) => enabled.has(d))
      const switchedOn = !disabled.has(id) || (id === 'clients' && forAdmin)
      if (dependenciesOn && switchedOn) enabled.add(id)
    }
    return enabled
  }
}
