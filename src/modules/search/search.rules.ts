import { formatDuration } from '../time-entries/duration.rules.js'
import type { ClientHit, EntryHit, ProjectHit, SearchDomain, SearchResult, TaskHit } from './search.types.js'

/** The shortest query searched, in characters after trimming. */
export const MIN_QUERY_LENGTH = 2

/** The key naming a failed domain in the answer's `errors`. */
export const DOMAIN_ERROR_KEYS: Record<SearchDomain, string> = {
  project: 'projects',
  task: 'tasks',
  client: 'clients',
  entry: 'entries',
}

/** True when the trimmed query has at least two characters (code points, not UTF-16 units). */
export function isLongEnough(query: string): boolean {
  return Array.from(query).length >= MIN_QUERY_LENGTH
}

/** `in_progress` → `In Progress`; `Task` when there is no status. */
export function taskBadge(status: string): string {
  const words = status.replace(/_/g, ' ').split(' ')
  const title = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join(' ')
  return title.trim() === '' ? 'Task' : title
}

export function projectResult(hit: ProjectHit): SearchResult {
  const { id, name, description } = hit
  return {
    type: 'project',
    id,
    title: name,
    description: description ?? '',
    url: `/projects/${id}`,
    badge: 'Project',
  }
}

export function taskResult(hit: TaskHit): SearchResult {
  const { id, name } = hit
  return {
    type: 'task',
    id,
    title: name,
    description: hit.projectName ?? 'No Project',
    url: `/tasks/${id}`,
    badge: taskBadge(hit.status),
  }
}

export function clientResult(hit: ClientHit): SearchResult {
  const description = [hit.description, hit.contactPerson, hit.email].find((text) => text) ?? ''
  return {
    type: 'client',
    id: hit.id,
    title: hit.name,
    description,
    url: `/clients/${hit.id}`,
    badge: 'Client',
  }
}

/** "<project> • <task>" with the parts present, `Time Entry` without either. */
export function entryTitle(projectName: string | null, taskName: string | null): string {
  const parts = [projectName, taskName === null ? null : `• ${taskName}`].filter((part) => part !== null)
  return parts.length > 0 ? parts.join(' ') : 'Time Entry'
}

/** The first 100 characters of the notes, then ` [<tags>]` when the entry has tags. */
export function entryDescription(notes: string | null, tags: string | null): string {
  const excerpt = Array.from(notes ?? '')
    .slice(0, 100)
    .join('')
  return tags ? `${excerpt} [${tags}]` : excerpt
}

export function entryResult(hit: EntryHit): SearchResult {
  return {
    type: 'entry',
    id: hit.id,
    title: entryTitle(hit.projectName, hit.taskName),
    description: entryDescription(hit.notes, hit.tags),
    url: `/timer/edit/${hit.id}`,
    badge: formatDuration(hit.durationSeconds ?? 0),
  }
}
