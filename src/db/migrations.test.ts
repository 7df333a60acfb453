import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, dialects, type TestDatabase } from '../../test/harness.js'
import { migrateToLatest } from './database.js'
import { migrations } from './migrations/index.js'

describe.each(dialects)('migrations on $name', ({ name }) => {
  let testDb: TestDatabase | undefined

  afterEach(async () => {
    await testDb?.handle.db.destroy()
    await testDb?.drop()
  })

  it('migrates an empty database to the latest version, and a second run changes nothing', async () => {
    testDb = await createTestDatabase(name)
    const db = testDb.handle.db

    const first = await migrateToLatest(db)
    const second = await migrateToLatest(db)

    expect(first.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'))
    expect(second.results).toEqual([])
    const roles = await db.selectFrom('roles').select('name').orderBy('name').execute()
    expect(roles.map((r) => r.name)).toEqual(['admin', 'manager', 'subcontractor', 'user', 'viewer'])
  })

  it('stores instants with whole-second UTC precision and reads them back equal', async () => {
    testDb = await createTestDatabase(name)
    const db = testDb.handle.db
    await migrateToLatest(db)
    const instant = new Date('2025-03-30T01:30:00Z')

    await db
      .insertInto('users')
      .values({
        username: 'clock',
        email: null,
        fullName: null,
        passwordHash: null,
        role: 'user',
        createdAt: instant,
        updatedAt: instant,
      })
      .execute()
    const row = await db
      .selectFrom('users')
      .select(['createdAt', 'isActive'])
      .where('username', '=', 'clock')
      .executeTakeFirstOrThrow()
    const raw = await sql<{
      n: number
    }>`select count(*) as n from users where created_at = ${instant}`.execute(db)

    expect(row.createdAt instanceof Date ? row.createdAt.getTime() : row.createdAt * 1000).toBe(
      instant.getTime(),
    )
    expect(Boolean(row.isActive)).toBe(true)
    expect(Number(raw.rows[0]?.n)).toBe(1)
  })
})
