import type { Static } from '@sinclair/typebox'
import { AppError } from '../../errors.js'
import { readInteger, readOptionalInteger } from '../../http/field-types.js'
import { trimmedOrNull } from '../time-entries/time-entry.rules.js'
import type { StartTimerBody } from './timer.schemas.js'
import type { StartTimerInput } from './timer.service.js'

const PROJECT_REQUIRED = 'project_id is required'

/** `POST /timer/start` body → input; a missing, null, 0 or empty `project_id` is a validation failure (§13.2 step 1). */
export function fromStartTimerBody(body: Static<typeof StartTimerBody>): StartTimerInput {
  const raw = body.project_id
  const projectId = raw === undefined || raw === null || String(raw).trim() === '' ? 0 : readInteger(raw)
  if (projectId === 0) throw AppError.validation({ project_id: [PROJECT_REQUIRED] }, PROJECT_REQUIRED)
  return { projectId, taskId: readOptionalInteger(body.task_id) ?? null, notes: trimmedOrNull(body.notes) }
}
