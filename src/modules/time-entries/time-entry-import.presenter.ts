import type { Static } from '@sinclair/typebox'
import type { ImportSummary } from './time-entry-import.service.js'
import type { ImportSummaryJson } from './time-entry-import.schemas.js'

/** The summary as the API and the CLI print it. */
export function toImportSummaryJson(summary: ImportSummary): Static<typeof ImportSummaryJson> {
  return { success: true, created: summary.created, failed: summary.failed, errors: summary.errors }
}

/**
 * A JSON body as the import reads it: `{csv}` or `{data}` when that key holds a string, else
 * the text itself, which is then read as CSV like any other body (api-core.md §12.8).
 */
export function importBodyFromJson(text: string): { csv: string } | { data: string } | string {
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const { csv, data } = value as Record<string, unknown>
      if (typeof csv === 'string') return { csv }
      if (typeof data === 'string') return { data }
    }
  } catch {
    // Not JSON after all: the text is the CSV.
  }
  return text
}

/** The CSV text of a parsed body: the multipart `file`, the JSON `csv`/`data`, or the raw text. */
export function csvTextOf(body: unknown): string {
  if (typeof body === 'string') return body
  if (typeof body !== 'object' || body === null) return ''
  const { file, csv, data } = body as Record<string, unknown>
  const upload: unknown = Array.isArray(file) ? file[0] : file
  if (Buffer.isBuffer(upload)) return upload.toString('utf8')
  if (typeof upload === 'string') return upload
  if (typeof csv === 'string') return csv
  return typeof data === 'string' ? data : ''
}
