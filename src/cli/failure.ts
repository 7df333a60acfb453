import { CommanderError, InvalidArgumentError } from 'commander'
import { ConfigError } from '../config.js'
import { AppError } from '../errors.js'

/** Exit status for bad input of any kind (CONTRACT.md "Command line"). */
export const BAD_INPUT = 2
/** Exit status for a failure that is not the caller's fault (database down, bug). */
export const FAILURE = 1

export interface Failure {
  exitCode: number
  /** Undefined when nothing is to be printed (help or version shown on purpose). */
  message: string | undefined
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

function describeAppError(error: AppError): string {
  const fields = Object.entries(error.options.errors ?? {}).map(
    ([field, messages]) => `${field}: ${messages.join(' ')}`,
  )
  return fields.length > 0 ? `${error.message}: ${fields.join('; ')}` : error.message
}

function describeCommanderError(error: CommanderError): Failure {
  if (error.exitCode === 0) return { exitCode: 0, message: undefined }
  // A command group called without its sub-command: commander "shows help as an error".
  if (error.code === 'commander.help') return { exitCode: BAD_INPUT, message: 'missing command (see --help)' }
  return { exitCode: BAD_INPUT, message: error.message.replace(/^error: /, '') }
}

function classify(error: unknown): Failure {
  if (error instanceof CommanderError) return describeCommanderError(error)
  if (error instanceof AppError) return { exitCode: BAD_INPUT, message: describeAppError(error) }
  if (error instanceof ConfigError) return { exitCode: BAD_INPUT, message: error.message }
  return { exitCode: FAILURE, message: error instanceof Error ? error.message : String(error) }
}

/** What the process prints and returns for an error: bad input exits 2, anything else 1; always one line. */
export function describeFailure(error: unknown): Failure {
  const failure = classify(error)
  return failure.message === undefined ? failure : { ...failure, message: oneLine(failure.message) }
}

/** Commander argument parser for whole numbers within [min, max]; `expected` completes "Expected …" on stderr. */
export function integerArgument(expected: string, min: number, max: number): (raw: string) => number {
  return (raw) => {
    if (!/^-?\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
      throw new InvalidArgumentError(`Expected ${expected}.`)
    }
    return Number(raw)
  }
}
