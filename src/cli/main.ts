import { Command } from 'commander'
import { registerExportCommands } from './export.js'
import { describeFailure } from './failure.js'
import { registerImportCommands } from './import.js'
import { registerMigrateCommand } from './migrate.js'
import { registerSeedCommand } from './seed.js'
import { registerServeCommand } from './serve.js'
import { registerTokenCommands } from './token.js'
import { registerUserCommands } from './user.js'

/** The `stint` program; commands call services directly, never the HTTP API. */
function buildProgram(): Command {
  const program = new Command('stint')
    .description('Stint: self-hosted time tracker. Every command reads the same environment as the server.')
    // Set before adding commands, which inherit them: errors are thrown, and printed once by run().
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
  registerServeCommand(program)
  registerMigrateCommand(program)
  registerUserCommands(program)
  registerTokenCommands(program)
  registerImportCommands(program)
  registerExportCommands(program)
  registerSeedCommand(program)
  return program
}

/** Parses the arguments and runs the command; resolves to the exit status. */
async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv)
    return 0
  } catch (error) {
    const failure = describeFailure(error)
    if (failure.message !== undefined) process.stderr.write(`stint: ${failure.message}\n`)
    return failure.exitCode
  }
}

const exitCode = await run(process.argv)
// A failed `serve` may leave connections open; successful commands have closed theirs.
if (exitCode !== 0) process.exit(exitCode)
