/** What went wrong, independent of transport; http/errors.ts maps each kind to a status. */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'rate_limited'

/** Machine codes of the error envelope (api-core.md §2.2). */
export type ErrorCode =
  | 'validation_error'
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal_error'
  | 'idempotency_in_progress'
  | 'timer_already_running'
  // Business-rule failures named by api-core.md (the original's service keys).
  | 'invalid_client'
  | 'invalid_project'
  | 'invalid_task'
  | 'invalid_user'
  | 'invalid_time_range'
  | 'invalid_state'
  | 'duplicate_client'
  | 'duplicate_project'
  | 'duplicate_code'
  | 'missing_project_or_client'
  | 'overlapping_entry'
  | 'project_archived'
  | 'project_inactive'
  | 'task_not_allowed'
  | 'task_required'
  | 'task_requires_project'
  | 'description_required'
  | 'description_too_short'
  | 'timer_active'
  | 'no_active_timer'
  | 'module_disabled'
  // Time-entry approvals (api-extended.md §4.3).
  | 'already_pending'
  | 'no_approvers'
  | 'invalid_status'

/** Per-field messages of a validation failure: field name → messages. */
export type FieldErrors = Record<string, string[]>

export interface AppErrorOptions {
  /** The envelope's `error` when it differs from `message` (e.g. "Invalid token"). */
  error?: string
  errors?: FieldErrors
  /** Endpoint-specific keys added to the envelope (`reason`, `required_scope`, …). */
  extra?: Record<string, unknown>
  headers?: Record<string, string>
}

/** A domain failure a user can act on; services throw it, the HTTP layer and CLI present it. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message)
    this.name = 'AppError'
  }

  /** A validation failure with the standard top-level message. */
  static validation(errors: FieldErrors, message = 'Validation failed'): AppError {
    return new AppError('invalid', 'validation_error', message, { errors })
  }
}
