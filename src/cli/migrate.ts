import type { Command } from 'commander'
import { migrateToLatest } from '../db/database.js'
import { prepareStorage } from '../dependencies.js'
import { printLine, withDependencies } from './storage.js'

async function migrate(): Promise<void> {
  const applied = await withDependencies(async (deps) => {
    const result = await migrateToLatest(deps.database.db)
    // Leaves the database exactly as a server start would (settings row, bootstrap administrator).
    await prepareStorage(deps)
    return (result.results ?? []).map((migration) => migration.migrationName)
  })
  if (applied.length === 0) printLine('No pending migrations; the database is up to date.')
  for (const name of applied) printLine(`Applied ${name}`)
}

export function registerMigrateCommand(program: Command): void {
  program.command('migrate').description('apply pending database migrations and exit').action(migrate)
}
