import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import pg from 'pg'
import { createDatabase, type DatabaseHandle, type Dialect } from '../src/db/database.js'
import { buildDependencies, type Dependencies } from '../src/dependencies.js'
import { testConfig } from './harness.js'
import { services, uniqueName } from './services.js'

const binary = fileURLToPath(new URL('../bin/stint.js', import.meta.url))

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** An empty database the `stint` binary can reach through its environment, plus a connection for checking it. */
export interface CliDatabase {
  /** The environment of a `stint` process working on this database. */
  env: Record<string, string>
  /** Services on the same database, as a server process would have them. */
  deps: Dependencies
  drop(): Promise<void>
}

/** Runs the real binary (`node bin/stint.js …`) with only the given environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binary, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

async function runOnServer(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: services.postgresUrl })
  await client.connect()
  await client.query(query)
  await client.end()
}

/** A PostgreSQL URL whose connections work in `schema` (node-postgres reads `options`). */
function urlWithSchema(url: string, schema: string): string {
  const separator = url.includes('?') ? '&' : '?'
  return `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`
}

async function openStorage(
  dialect: Dialect,
  dataDir: string,
): Promise<{ url: string; handle: DatabaseHandle; dropSchema: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const url = `sqlite:${path.join(dataDir, 'stint.db')}`
    return { url, handle: createDatabase(url), dropSchema: async () => undefined }
  }
  const serverUrl = services.postgresUrl as string
  const schema = uniqueName('stint_cli').toLowerCase()
  await runOnServer(`create schema ${schema}`)
  const handle = createDatabase(serverUrl, { schema, poolSize: 2 })
  return {
    url: urlWithSchema(serverUrl, schema),
    handle,
    // Dropped with the rest of the run's schemas when the run ends (test/global-setup.ts).
    dropSchema: async () => undefined,
  }
}

/** A fresh database (SQLite file or PostgreSQL schema) and data directory of its own. */
export async function createCliDatabase(dialect: Dialect): Promise<CliDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stint-cli-'))
  const { url, handle, dropSchema } = await openStorage(dialect, dataDir)
  const env = {
    DATABASE_URL: url,
    SECRET_KEY: 'cli-test-secret-key-0123',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  }
  const deps = buildDependencies(testConfig(env), { database: handle })
  return {
    env,
    deps,
    async drop() {
      await deps.close()
      await dropSchema()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Rows per table, to show that a command wrote nothing. */
export async function countRows(handle: DatabaseHandle): Promise<Record<string, number>> {
  const db = handle.db.withoutPlugins()
  const tables =
    handle.dialect === 'sqlite'
      ? await sql<{
          name: string
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{
          name: string
        }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
          db,
        )
  const counts: Record<string, number> = {}
  for (const { name } of tables.rows) {
    const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db)
    counts[name] = Number(result.rows[0]?.n)
  }
  return counts
}
