import type { Kysely, Selectable } from 'kysely'
import type { Database, SettingsTable } from '../../db/tables.js'
import { readFlag } from '../../db/values.js'

export interface Settings {
  timezone: string | null
  currency: string
  singleActiveTimer: boolean
  disabledModuleIds: string[]
  timeEntryRequireTask: boolean
  timeEntryRequireDescription: boolean
  timeEntryDescriptionMinLength: number
  lockedClientId: number | null
  defaultDailyWorkingHours: number
  dateFormat: string
  timeFormat: string
  allowSelfRegister: boolean
  idleTimeoutMinutes: number
}

function toSettings(row: Selectable<SettingsTable>): Settings {
  return {
    timezone: row.timezone,
    currency: row.currency,
    singleActiveTimer: readFlag(row.singleActiveTimer),
    disabledModuleIds: JSON.parse(row.disabledModuleIds) as string[],
    timeEntryRequireTask: readFlag(row.timeEntryRequireTask),
    timeEntryRequireDescription: readFlag(row.timeEntryRequireDescription),
    timeEntryDescriptionMinLength: row.timeEntryDescriptionMinLength,
    lockedClientId: row.lockedClientId,
    defaultDailyWorkingHours: row.defaultDailyWorkingHours,
    dateFormat: row.dateFormat,
    timeFormat: row.timeFormat,
    allowSelfRegister: readFlag(row.allowSelfRegister),
    idleTimeoutMinutes: row.idleTimeoutMinutes,
  }
}

/** The single settings row (id = 1). */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates the row on first start; an existing row is left as it is. */
  async ensureRow(singleActiveTimer: boolean): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({
        id: 1,
        singleActiveTimer,
        timeEntryRequireTask: false,
        timeEntryRequireDescription: false,
        allowSelfRegister: false,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }

  async get(): Promise<Settings> {
    return toSettings(
      await this.db.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow(),
    )
  }
}
