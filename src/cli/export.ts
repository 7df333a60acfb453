import { InvalidArgumentError, type Command } from 'commander'
import { parseDate, type CalendarDate } from '../lib/datetime-input.js'
import { toExportCsv } from '../modules/time-entries/time-entry-export.presenter.js'
import { withStorage } from './storage.js'

interface ExportOptions {
  from?: CalendarDate
  to?: CalendarDate
  user?: string
}

function dateArgument(raw: string): CalendarDate {
  const date = parseDate(raw)
  if (!date) throw new InvalidArgumentError('Expected a date YYYY-MM-DD.')
  return date
}

/**
 * Writes to stdout, waiting whenever the reader is behind so memory stays flat; resolves
 * false once the reader has gone (EPIPE, e.g. `| head`), which ends the export quietly.
 */
function stdoutWriter(): (text: string) => Promise<boolean> {
  let failure: NodeJS.ErrnoException | undefined
  process.stdout.on('error', (error: NodeJS.ErrnoException) => (failure = error))
  const settled = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        process.stdout.off('drain', done)
        process.stdout.off('error', done)
        resolve()
      }
      process.stdout.once('drain', done)
      process.stdout.once('error', done)
    })
  return async (text) => {
    if (!failure && !process.stdout.write(text)) await settled()
    if (failure && failure.code !== 'EPIPE') throw failure
    return failure === undefined
  }
}

async function exportCsv(options: ExportOptions): Promise<void> {
  const write = stdoutWriter()
  await withStorage(async (deps) => {
    const user = options.user === undefined ? undefined : await deps.users.getByUsername(options.user)
    const query = { from: options.from, to: options.to, userId: user?.id }
    if (!(await write(toExportCsv([], { header: true })))) return
    for await (const page of deps.timeEntryExport.pages(query)) {
      if (!(await write(toExportCsv(page, { header: false })))) return
    }
  })
}

export function registerExportCommands(program: Command): void {
  const exports = program.command('export').description('export data')
  exports
    .command('csv')
    .description(
      'write completed time entries as CSV to stdout, oldest first; the file can be imported again with `stint import csv`',
    )
    .option('--from <date>', 'first day (YYYY-MM-DD, server timezone) of the entries’ start', dateArgument)
    .option('--to <date>', 'last day (YYYY-MM-DD, server timezone) of the entries’ start', dateArgument)
    .option('--user <username>', 'only the entries of this user (default: everyone’s)')
    .action(exportCsv)
}
