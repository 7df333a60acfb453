import type { Static } from '@sinclair/typebox'
import { optionalDatetime, type DatetimeWriter } from '../../http/datetime-output.js'
import { isValidTimeZone } from '../../lib/iso-dates.js'
import { round2Hours } from '../time-entries/duration.rules.js'
import type { Settings } from '../settings/settings.repository.js'
import type { CurrentUserJson, TimeEntryRequirementsJson, UserJson } from './user.schemas.js'
import type { User } from './user.types.js'

export interface UserPresentation {
  write: DatetimeWriter
  now: Date
  settings: Settings
  appTimezone: string
  /** Worked seconds of completed entries per user id (api-core.md §14.1 total_hours). */
  workedSeconds: Map<number, number>
}

/** online within 15 minutes of the last login, away within the hour, else offline. */
function presenceStatus(lastLogin: Date | null, now: Date): 'online' | 'away' | 'offline' {
  if (!lastLogin) return 'offline'
  const minutes = (now.getTime() - lastLogin.getTime()) / 60_000
  return minutes <= 15 ? 'online' : minutes <= 60 ? 'away' : 'offline'
}

export function toUserJson(user: User, view: UserPresentation): Static<typeof UserJson> {
  const fullName = user.fullName?.trim()
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    full_name: user.fullName,
    display_name: fullName ? fullName : user.username,
    role: user.isAdmin ? 'admin' : 'user',
    is_admin: user.isAdmin,
    created_at: view.write(user.createdAt),
    last_login: optionalDatetime(view.write, user.lastLogin),
    is_active: user.isActive,
    total_hours: round2Hours(view.workedSeconds.get(user.id) ?? 0),
    avatar_url: user.avatarFilename ? `/uploads/avatars/${user.avatarFilename}` : null,
    status: presenceStatus(user.lastLogin, view.now),
    date_format: user.dateFormat ?? view.settings.dateFormat,
    time_format: user.timeFormat ?? view.settings.timeFormat,
    timezone: user.timezone && isValidTimeZone(user.timezone) ? user.timezone : view.appTimezone,
    standard_hours_per_day: user.standardHoursPerDay,
    overtime_include_weekends: user.overtimeIncludeWeekends,
  }
}

function toTimeEntryRequirementsJson(settings: Settings): Static<typeof TimeEntryRequirementsJson> {
  return {
    require_task: settings.timeEntryRequireTask,
    require_description: settings.timeEntryRequireDescription,
    description_min_length: settings.timeEntryDescriptionMinLength,
  }
}

/** `GET /api/v1/users/me`: the user, the persisted time-entry requirements and the modules enabled for them. */
export function toCurrentUserJson(
  user: User,
  view: UserPresentation,
  enabledModules: string[],
): Static<typeof CurrentUserJson> {
  return {
    user: toUserJson(user, view),
    time_entry_requirements: toTimeEntryRequirementsJson(view.settings),
    enabled_modules: enabledModules,
  }
}
