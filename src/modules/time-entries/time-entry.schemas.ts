import { Type, type TSchema } from '@sinclair/typebox'
import { BooleanField, DateField, DatetimeField, IntegerField, Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'

const OrNull = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** The serialized entry of api-core.md §12.1, plus `project_name`/`task_name` for the React desktop (clients.md §5). */
export const TimeEntryJson = Type.Object(
  {
    id: Type.Integer(),
    user_id: Type.Integer(),
    project_id: OrNull(Type.Integer()),
    client_id: OrNull(Type.Integer()),
    task_id: OrNull(Type.Integer()),
    start_time: Type.String(),
    end_time: OrNull(Type.String()),
    duration_seconds: OrNull(Type.Integer()),
    break_seconds: Type.Integer(),
    paused_at: OrNull(Type.String()),
    duration_hours: Type.Number(),
    duration_formatted: Type.String(),
    notes: OrNull(Type.String()),
    tags: OrNull(Type.String()),
    tag_list: Type.Array(Type.String()),
    source: Type.String(),
    billable: Type.Boolean(),
    paid: Type.Boolean(),
    invoice_number: OrNull(Type.String()),
    is_active: Type.Boolean(),
    created_at: Type.String(),
    updated_at: Type.String(),
    user: OrNull(Type.String({ description: "Owner's username" })),
    project: OrNull(Type.String({ description: 'Project name' })),
    client: OrNull(Type.String({ description: "Name of the entry's own client" })),
    task: OrNull(Type.String({ description: 'Task name' })),
    project_name: OrNull(Type.String()),
    task_name: OrNull(Type.String()),
  },
  { description: 'Time entry (api-core.md §12.1)' },
)

export const TimeEntryEnvelopeJson = Type.Object({ time_entry: TimeEntryJson })

export const TimeEntryMessageJson = Type.Object({ message: Type.String(), time_entry: TimeEntryJson })

export const MessageJson = Type.Object({ message: Type.String() })

export const TimeEntryListJson = Type.Object({
  time_entries: Type.Array(TimeEntryJson),
  pagination: PaginationJson,
})

/** Query of `GET /time-entries`: every value is parsed leniently (api-core.md §12.5). */
export const TimeEntryListQuery = Type.Object({
  project_id: Type.Optional(Type.String()),
  user_id: Type.Optional(Type.String()),
  start_date: Type.Optional(
    Type.String({ description: 'Datetime or date; keeps entries starting at or after it' }),
  ),
  end_date: Type.Optional(Type.String({ description: 'Datetime, or a date meaning the end of that day' })),
  billable: Type.Optional(
    Type.String({ description: '"true" selects billable entries, anything else non-billable' }),
  ),
  include_active: Type.Optional(Type.String({ description: 'Exactly "true" includes running entries' })),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const TimeEntryIdParams = Type.Object({ id: Type.String() })

/** `POST /time-entries` (api-core.md §12.6); `date` + `duration_minutes` is the React desktop's form. */
export const CreateTimeEntryBody = Type.Object({
  start_time: Type.Optional(DatetimeField({ description: 'Required unless `date` is given' })),
  end_time: Type.Optional(Nullable(DatetimeField({ description: 'Omitted or null: a running entry' }))),
  project_id: Type.Optional(Nullable(IntegerField())),
  client_id: Type.Optional(Nullable(IntegerField())),
  task_id: Type.Optional(Nullable(IntegerField())),
  user_id: Type.Optional(Nullable(IntegerField({ description: 'Admins only: the owner' }))),
  break_seconds: Type.Optional(Nullable(IntegerField())),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  tags: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  billable: Type.Optional(BooleanField()),
  paid: Type.Optional(BooleanField()),
  invoice_number: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  date: Type.Optional(DateField({ description: 'With duration_minutes, instead of start_time' })),
  duration_minutes: Type.Optional(
    Nullable(IntegerField({ description: 'Sets the end when end_time is absent' })),
  ),
})

/** `PUT|PATCH /time-entries/{id}`: partial; null leaves a field unchanged (api-core.md §12.7). */
export const UpdateTimeEntryBody = Type.Object({
  project_id: Type.Optional(Nullable(IntegerField())),
  client_id: Type.Optional(Nullable(IntegerField())),
  task_id: Type.Optional(Nullable(IntegerField())),
  start_time: Type.Optional(Nullable(DatetimeField())),
  end_time: Type.Optional(Nullable(DatetimeField())),
  break_seconds: Type.Optional(Nullable(IntegerField())),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  tags: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  billable: Type.Optional(Nullable(BooleanField())),
  paid: Type.Optional(Nullable(BooleanField())),
  invoice_number: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  if_updated_at: Type.Optional(
    Nullable(DatetimeField({ description: 'The updated_at last seen; 409 when stale' })),
  ),
  reason: Type.Optional(Nullable(Type.String({ description: 'Audit only' }))),
})
