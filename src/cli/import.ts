import { readFile } from 'node:fs/promises'
import cliProgress from 'cli-progress'
import type { Command } from 'commander'
import { AppError } from '../errors.js'
import { toImportSummaryJson } from '../modules/time-entries/time-entry-import.presenter.js'
import type { ImportProgress } from '../modules/time-entries/time-entry-import.service.js'
import { printLine, withStorage } from './storage.js'

async function readCsvFile(file: string): Promise<string> {
  try {
    // UTF-8 with invalid bytes replaced, as the HTTP import reads an upload.
    return (await readFile(file)).toString('utf8')
  } catch (error) {
    throw new AppError('invalid', 'bad_request', `Cannot read ${file}: ${(error as Error).message}`)
  }
}

/** A progress bar on stderr, only for a person watching a terminal; never in captured output. */
function progressBar(): ImportProgress | undefined {
  if (!process.stderr.isTTY) return undefined
  let bar: cliProgress.SingleBar | undefined
  return (inserted, total) => {
    if (!bar) {
      bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: 'Importing [{bar}] {value}/{total} entries' },
        cliProgress.Presets.shades_classic,
      )
      bar.start(total, 0)
    }
    bar.update(inserted)
    if (inserted >= total) bar.stop()
  }
}

async function importCsv(file: string, options: { user: string }): Promise<void> {
  const text = await readCsvFile(file)
  const summary = await withStorage(async (deps) => {
    const user = await deps.users.getByUsername(options.user)
    return deps.timeEntryImport.importCsv(user, text, progressBar())
  })
  printLine(JSON.stringify(toImportSummaryJson(summary)))
}

export function registerImportCommands(program: Command): void {
  const imports = program.command('import').description('import data')
  imports
    .command('csv')
    .description(
      'import time entries from a CSV file as a user (the columns of POST /api/v1/time-entries/import-csv); prints the summary as JSON',
    )
    .argument('<file>', 'CSV file, UTF-8')
    .requiredOption('--user <username>', 'the user who owns the entries and whose rights apply')
    .action(importCsv)
}
