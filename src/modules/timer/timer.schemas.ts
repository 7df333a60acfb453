import { Type } from '@sinclair/typebox'
import { IntegerField, Nullable } from '../../http/field-types.js'
import { TimeEntryJson } from '../time-entries/time-entry.schemas.js'

/**
 * `project_id` of a timer start: an integer (or digit string), where null, 0 and an empty
 * string all mean "missing" ("project_id is required", api-core.md §13.2 step 1).
 */
const StartProjectIdField = Type.Unsafe<number | string | null>({
  anyOf: [
    { type: 'integer' },
    { type: 'number' },
    { type: 'string', pattern: '^\\s*([-+]?\\d+)?\\s*$' },
    { type: 'null' },
  ],
  description: 'Required; numeric strings accepted',
})

/** `POST /timer/start` (api-core.md §13.2); ids may be strings (the React desktop sends `"3"`). */
export const StartTimerBody = Type.Object({
  project_id: Type.Optional(StartProjectIdField),
  task_id: Type.Optional(Nullable(IntegerField())),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  template_id: Type.Optional(Type.Unknown({ description: 'Accepted and ignored' })),
})

export const TimerStatusJson = Type.Object({
  active: Type.Boolean(),
  timer: Type.Union([TimeEntryJson, Type.Null()]),
})

export const TimerStartedJson = Type.Object({ message: Type.String(), timer: TimeEntryJson })

export const TimerEntryJson = Type.Object({ message: Type.String(), time_entry: TimeEntryJson })
