import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import pg from 'pg'
import { ROOT, startServer, tempDir, type ServerProcess } from '../test/process.js'
import { services, uniqueName } from '../test/services.js'
import { migrations } from './db/migrations/index.js'

describe('the server process', () => {
  let server: ServerProcess | undefined

  afterEach(() => {
    server?.child.kill('SIGKILL')
    server = undefined
  })

  it('creates the SQLite database in DATA_DIR on first start and prints a one-time set-up code', async () => {
    const dataDir = tempDir()

    server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' })
    const info = (await (await fetch(`${server.baseUrl}/api/v1/info`)).json()) as { setup_required: boolean }

    expect(existsSync(path.join(dataDir, 'stint.db'))).toBe(true)
    expect(existsSync(path.join(dataDir, 'secret_key'))).toBe(true)
    expect(info.setup_required).toBe(true)
    expect(server.output()).toMatch(/set-up code: [A-Za-z0-9]{12}/)
  })

  it('creates the ADMIN_USERNAME administrator and then prints no set-up code', async () => {
    server = await startServer({
      DATA_DIR: tempDir(),
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-password',
    })

    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: 'root-password' }),
    })

    expect(login.status).toBe(200)
    expect(server.output()).not.toContain('set-up code')
  })

  it('never writes tokens or passwords to the log', async () => {
    server = await startServer({
      DATA_DIR: tempDir(),
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-password',
      LOG_LEVEL: 'trace',
    })

    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'root', password: 'root-password' }),
    })
    const { token } = (await login.json()) as { token: string }
    await fetch(`${server.baseUrl}/api/v1/nothing-here`, { headers: { authorization: `Bearer ${token}` } })

    expect(server.output()).not.toContain(token)
    expect(server.output()).not.toContain('root-password')
  })

  it('finishes an in-flight request on SIGTERM, then exits with status 0', async () => {
    server = await startServer({
      DATA_DIR: tempDir(),
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-password',
    })
    const body = JSON.stringify({ username: 'root', password: 'root-password' })
    const url = new URL(`${server.baseUrl}/api/v1/auth/login`)

    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write(body.slice(0, 10))
      setTimeout(() => {
        server?.child.kill('SIGTERM')
        setTimeout(() => req.end(body.slice(10)), 300)
      }, 100)
    })

    expect(await response).toBe(200)
    expect(await server.exited).toBe(0)
    expect(server.output()).toContain('"msg":"stopped"')
  })

  it('stops with one line on stderr and exit status 2 when a setting is invalid', () => {
    const result = spawnSync(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: tempDir(), PORT: 'eighty' },
      encoding: 'utf8',
    })

    expect(result.status).toBe(2)
    expect(result.stderr.trim().split('\n')).toEqual([
      'stint: PORT must be an integer between 0 and 65535, got "eighty"',
    ])
  })
})

describe.skipIf(!services.postgresUrl)('the server process on PostgreSQL', () => {
  it('migrates an empty database on first start and applies nothing on the second', async () => {
    const schema = uniqueName('stint_proc').toLowerCase()
    const client = new pg.Client({ connectionString: services.postgresUrl })
    await client.connect()
    await client.query(`create schema ${schema}`)
    const env = {
      DATA_DIR: tempDir(),
      DATABASE_URL: `${services.postgresUrl}?options=-c%20search_path%3D${schema}`,
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-password',
    }

    const first = await startServer(env)
    first.child.kill('SIGTERM')
    await first.exited
    const second = await startServer(env)
    const health = await fetch(`${second.baseUrl}/api/v1/health`)
    second.child.kill('SIGTERM')
    await second.exited
    const applied = await client.query(`select count(*)::int as n from ${schema}.kysely_migration`)
    await client.end()

    expect(health.status).toBe(200)
    expect(applied.rows[0].n).toBe(Object.keys(migrations).length)
  })
})
