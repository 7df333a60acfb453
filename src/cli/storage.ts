import { loadConfig } from '../config.js'
import { buildDependencies, prepareStorage, type Dependencies } from '../dependencies.js'

/** Runs `fn` with the server's dependencies (same environment) and always closes them so the process can exit. */
export async function withDependencies<T>(fn: (deps: Dependencies) => Promise<T>): Promise<T> {
  const deps = buildDependencies(loadConfig())
  try {
    return await fn(deps)
  } finally {
    await deps.close()
  }
}

/** Like withDependencies, on storage prepared exactly as a server start prepares it (migrated first). */
export async function withStorage<T>(fn: (deps: Dependencies) => Promise<T>): Promise<T> {
  return withDependencies(async (deps) => {
    await prepareStorage(deps)
    return fn(deps)
  })
}

/** Writes one line to stdout. */
export function printLine(text: string): void {
  process.stdout.write(`${text}\n`)
}
