import { Type, type TUnsafe } from '@sinclair/typebox'
import { DateField, IntegerField, Nullable } from '../../http/field-types.js'
import { PaginationJson } from '../../http/schemas.js'
import { TASK_STATUSES } from './task.types.js'

const NullableString = (description?: string) => Nullable(Type.String(description ? { description } : {}))

/** Hours: a JSON number, or a decimal string read as its number. */
function NumberField(description: string): TUnsafe<number | string> {
  return Type.Unsafe<number | string>({
    anyOf: [{ type: 'number' }, { type: 'string', pattern: '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)\\s*$' }],
    description,
  })
}

const TaskStatusField = Type.Union(
  TASK_STATUSES.map((status) => Type.Literal(status)),
  { description: 'todo, in_progress, review, done, on_hold or cancelled' },
)

/** Fields shared by create and update; unknown keys (such as `kanban_column`) are ignored. */
const taskFields = {
  name: Type.Optional(NullableString('1–200 characters after trimming')),
  description: Type.Optional(NullableString('Trimmed; empty becomes null')),
  status: Type.Optional(TaskStatusField),
  // Checked by the task rules, so any value reaches them and a bad one gets the contract's message.
  priority: Type.Optional(Type.Unknown({ description: 'low, medium, high or urgent; or 1–4 for the same' })),
  assignee_id: Type.Optional(Nullable(IntegerField({ description: 'User id, stored as assigned_to' }))),
  due_date: Type.Optional(Nullable(DateField({ description: 'YYYY-MM-DD' }))),
  estimated_hours: Type.Optional(Nullable(NumberField('Estimated hours'))),
  tags: Type.Optional(NullableString('Comma-separated; trimmed, empty becomes null')),
}

/** `POST /api/v1/tasks` (api-core.md §11.4); `name` and `project_id` are required by the task rules. */
export const CreateTaskBody = Type.Object({
  ...taskFields,
  project_id: Type.Optional(
    Nullable(IntegerField({ description: 'Project of the task; it must exist and be visible' })),
  ),
})

/** `PUT|PATCH /api/v1/tasks/{id}` (api-core.md §11.5): only the keys present change. */
export const UpdateTaskBody = Type.Object(taskFields)

/** `GET /api/v1/tasks` query; values are parsed leniently, unknown parameters ignored. */
export const TaskListQuery = Type.Object({
  project_id: Type.Optional(Type.String({ description: 'Project id; ignored when not an integer' })),
  status: Type.Optional(Type.String({ description: 'Exact status' })),
  tags: Type.Optional(
    Type.String({
      description: 'Comma-separated; a task matches any of them as a case-insensitive substring',
    }),
  ),
  page: Type.Optional(Type.String()),
  per_page: Type.Optional(Type.String()),
})

export const TaskIdParams = Type.Object({ id: Type.String() })

/** The serialized task of api-core.md §11.1. */
export const TaskJson = Type.Object({
  id: Type.Integer(),
  project_id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  status: Type.String(),
  status_display: Type.String(),
  priority: Type.String(),
  priority_display: Type.String(),
  priority_class: Type.String(),
  estimated_hours: Nullable(Type.Number()),
  due_date: Nullable(Type.String()),
  assigned_to: Nullable(Type.Integer()),
  assigned_user: Nullable(Type.String()),
  created_by: Nullable(Type.Integer()),
  creator: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  started_at: Nullable(Type.String()),
  completed_at: Nullable(Type.String()),
  total_hours: Type.Number(),
  total_billable_hours: Type.Number(),
  progress_percentage: Type.Number(),
  is_active: Type.Boolean(),
  is_overdue: Type.Boolean(),
  tags: Nullable(Type.String()),
  tag_list: Type.Array(Type.String()),
})

export const TaskEnvelopeJson = Type.Object({ task: TaskJson })

export const TaskListJson = Type.Object({ tasks: Type.Array(TaskJson), pagination: PaginationJson })

export const TaskSavedJson = Type.Object({ message: Type.String(), task: TaskJson })

export const TaskDeletedJson = Type.Object({ message: Type.String() })
