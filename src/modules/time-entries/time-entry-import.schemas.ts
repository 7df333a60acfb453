import { Type } from '@sinclair/typebox'

/** The answer of `POST /time-entries/import-csv` and `stint import csv` (api-core.md §12.8). */
export const ImportSummaryJson = Type.Object(
  {
    success: Type.Literal(true),
    created: Type.Integer(),
    failed: Type.Integer({ description: 'Every failed row, also beyond the 50 listed' }),
    errors: Type.Array(
      Type.Object({
        row: Type.Integer({ description: 'Line number: 2 is the first non-blank line after the header' }),
        error: Type.String(),
      }),
      { description: 'The first 50 failed rows' },
    ),
  },
  { description: 'CSV import summary (api-core.md §12.8)' },
)

const CSV_TEXT =
  'CSV text: a header row (project_id, start_time, end_time, task_id, notes, tags, billable), then one row per entry'

/** `file` of a multipart form: a file part or a plain field, decoded as UTF-8 (invalid bytes replaced). */
const MultipartImportBody = Type.Object({
  file: Type.Optional(
    Type.Unsafe<Buffer | string>({ description: 'The CSV file (a file part or a text field)' }),
  ),
})

/** A JSON body: the CSV in `csv`, else in `data`; a JSON body with neither string is read as CSV text itself. */
const JsonImportBody = Type.Union([
  Type.Object({
    csv: Type.Optional(Type.String({ description: CSV_TEXT })),
    data: Type.Optional(Type.String({ description: 'Used when `csv` is absent' })),
  }),
  Type.String(),
])

/** The three body forms of api-core.md §12.8; any other content type is read as CSV text too. */
export const ImportCsvBody = {
  content: {
    'multipart/form-data': { schema: MultipartImportBody },
    'application/json': { schema: JsonImportBody },
    'text/csv': { schema: Type.String({ description: CSV_TEXT }) },
  },
}
