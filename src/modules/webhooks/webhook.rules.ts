import { AppError } from '../../errors.js'
import { isInternalAddress } from '../../lib/internal-addresses.js'
import { EVENT_CATALOGUE } from '../events/event.types.js'
import { HTTP_METHODS, type WebhookHttpMethod, type WebhookSettings } from './webhook.types.js'

/** A webhook body as sent: every key is optional and of any JSON type until checked. */
export type WebhookInput = { [K in keyof WebhookSettings]?: unknown } & { generateSecret?: unknown }

/** What an update changes: only the keys present in the body. */
export interface WebhookChanges extends Partial<WebhookSettings> {
  regenerateSecret: boolean
}

const DEFAULTS = {
  description: null,
  httpMethod: 'POST',
  contentType: 'application/json',
  headers: null,
  isActive: true,
  maxRetries: 3,
  retryDelaySeconds: 60,
  timeoutSeconds: 30,
} as const

const KNOWN_EVENTS = new Set<string>(EVENT_CATALOGUE)
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
// What node:http accepts in a header value: no CR, LF or other control characters.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
const URL_START = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]+)/

const bad = (text: string) => new AppError('invalid', 'bad_request', text)
const invalidField = (field: string) => bad(`${field} is invalid`)
const urlError = (message: string, fieldMessage: string) =>
  AppError.validation({ url: [fieldMessage] }, message)

/** Python's truthiness, which the original's `if not data.get(...)` checks use. */
function isFalsy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  return typeof value === 'object' && Object.keys(value).length === 0
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isIntegerIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

const characters = (text: string) => [...text].length

/**
 * The URL checks of webhooks.md §1.2 and the SSRF guard of §5.1 for a literal address: the
 * host may not be a loopback, private, link-local, unspecified or multicast address unless
 * `allowPrivateTargets`. A host name is checked when it resolves, at each attempt.
 */
export function checkWebhookUrl(url: unknown, allowPrivateTargets: boolean): string {
  const text = typeof url === 'string' ? url : ''
  const start = URL_START.exec(text)
  if (!start) throw urlError('Invalid URL format', 'Invalid URL format.')
  const scheme = (start[1] as string).toLowerCase()
  if (scheme !== 'http' && scheme !== 'https')
    throw urlError('Invalid URL format', 'URL must use http or https.')
  let hostname: string
  try {
    hostname = new URL(text).hostname
  } catch {
    throw urlError('Invalid URL format', 'Invalid URL format.')
  }
  if (hostname === '') throw urlError('Invalid URL format', 'Invalid URL format.')
  if (!allowPrivateTargets && isInternalAddress(hostname))
    throw urlError(
      'URL destination not allowed',
      'URL must not point to a loopback, private, link-local, unspecified or multicast address.',
    )
  return text
}

function checkEventNames(events: unknown[]): string[] {
  for (const event of events) {
    if (event !== '*' && !(typeof event === 'string' && KNOWN_EVENTS.has(event)))
      throw bad(`Invalid event type: ${typeof event === 'string' ? event : JSON.stringify(event)}`)
  }
  return events as string[]
}

function checkHttpMethod(value: unknown): WebhookHttpMethod {
  if (!(HTTP_METHODS as readonly unknown[]).includes(value))
    throw bad('http_method must be POST, PUT, or PATCH')
  return value as WebhookHttpMethod
}

function checkHeaders(value: unknown): Record<string, string> | null {
  if (value === null) return null
  const valid =
    isPlainObject(value) &&
    Object.entries(value).every(
      ([name, header]) => TOKEN.test(name) && typeof header === 'string' && HEADER_VALUE.test(header),
    )
  if (!valid) throw bad('headers must be an object of string values')
  return { ...(value as Record<string, string>) }
}

function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (!isIntegerIn(value, min, max)) throw bad(`${field} must be an integer between ${min} and ${max}`)
  return value as number
}

/** The `<field> is invalid` checks, in the order of webhooks.md §1.2. */
function checkShapes(input: WebhookInput): void {
  const checks: [string, unknown, (value: unknown) => boolean][] = [
    ['is_active', input.isActive, (v) => typeof v === 'boolean'],
    ['generate_secret', input.generateSecret, (v) => typeof v === 'boolean'],
    ['name', input.name, (v) => typeof v === 'string' && characters(v) <= 200],
    [
      'content_type',
      input.contentType,
      (v) => typeof v === 'string' && characters(v) <= 50 && HEADER_VALUE.test(v),
    ],
    ['url', input.url, (v) => typeof v === 'string' && characters(v) <= 500],
    ['description', input.description, (v) => v === null || typeof v === 'string'],
  ]
  for (const [field, value, isValid] of checks)
    if (value !== undefined && !isValid(value)) throw invalidField(field)
}

/** The typed checks shared by create and update, after the required fields and events. */
function checkSettings(input: WebhookInput): Partial<WebhookSettings> {
  const settings: Partial<WebhookSettings> = {}
  if (input.httpMethod !== undefined) settings.httpMethod = checkHttpMethod(input.httpMethod)
  if (input.headers !== undefined) settings.headers = checkHeaders(input.headers)
  if (input.maxRetries !== undefined)
    settings.maxRetries = checkInteger('max_retries', input.maxRetries, 0, 10)
  if (input.retryDelaySeconds !== undefined)
    settings.retryDelaySeconds = checkInteger('retry_delay_seconds', input.retryDelaySeconds, 1, 86400)
  if (input.timeoutSeconds !== undefined)
    settings.timeoutSeconds = checkInteger('timeout_seconds', input.timeoutSeconds, 1, 300)
  checkShapes(input)
  for (const key of ['name', 'url', 'contentType', 'description', 'isActive'] as const)
    if (input[key] !== undefined) (settings as Record<string, unknown>)[key] = input[key]
  return settings
}

/** A new webhook's settings, checked in the order of webhooks.md §1.2; the first failure throws. */
export function toNewWebhookSettings(
  input: WebhookInput,
  allowPrivateTargets: boolean,
): { settings: WebhookSettings; generateSecret: boolean } {
  if (isFalsy(input.name)) throw bad('name is required')
  if (isFalsy(input.url)) throw bad('url is required')
  if (!Array.isArray(input.events) || input.events.length === 0) throw bad('events must be a non-empty list')
  checkWebhookUrl(input.url, allowPrivateTargets)
  const events = checkEventNames(input.events)
  const settings = { ...DEFAULTS, ...checkSettings(input), events } as WebhookSettings
  return { settings, generateSecret: input.generateSecret !== false }
}

/** The changes of a partial update (webhooks.md §1.4), checked like a create. */
export function toWebhookChanges(input: WebhookInput, allowPrivateTargets: boolean): WebhookChanges {
  if (input.name !== undefined && isFalsy(input.name)) throw bad('name is required')
  if (input.url !== undefined && isFalsy(input.url)) throw bad('url is required')
  if (input.events !== undefined && !Array.isArray(input.events)) throw bad('events must be a list')
  if (input.url !== undefined) checkWebhookUrl(input.url, allowPrivateTargets)
  const changes: WebhookChanges = { regenerateSecret: !isFalsy(input.generateSecret) }
  if (input.events !== undefined) changes.events = checkEventNames(input.events as unknown[])
  return { ...changes, ...checkSettings({ ...input, generateSecret: undefined }) }
}

/** True when a webhook with these subscriptions receives `eventType` (exact name or "*"). */
export function subscribesTo(events: readonly string[], eventType: string): boolean {
  if (events.includes(eventType)) return true
  // `*` is every catalogue event; live-stream-only events (approvals, api-extended.md §4) are not.
  return events.includes('*') && (EVENT_CATALOGUE as readonly string[]).includes(eventType)
}

/**
 * The recipient rule of webhooks.md §3.2: an administrator's webhook receives every event, a
 * non-administrator's only the events its owner performed.
 */
export function mayReceive(owner: { userId: number; isAdmin: boolean }, actorId: number | null): boolean {
  return owner.isAdmin || actorId === owner.userId
}
