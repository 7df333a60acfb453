/** Left-aligned columns separated by two spaces, under a header row; whitespace in cells collapses to one space. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map((cell) => cell.replace(/\s+/g, ' ')))
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  )
  const line = (values: readonly string[]) =>
    widths
      .map((width, column) => (values[column] ?? '').padEnd(width))
      .join('  ')
      .trimEnd()
  return [line(headers), ...cells.map(line)].join('\n')
}
