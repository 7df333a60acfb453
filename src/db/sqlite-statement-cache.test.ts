import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { withStatementCache } from './sqlite-statement-cache.js'

describe('the SQLite statement cache', () => {
  let connection: SqliteDatabase.Database

  afterEach(() => connection.close())

  function cached() {
    connection = new SqliteDatabase(':memory:')
    connection.exec('create table items (id integer primary key, name text)')
    connection.exec("insert into items (name) values ('a'), ('b'), ('c')")
    return withStatementCache(connection)
  }

  it('hands out one prepared statement per SQL text, and a new one for another text', () => {
    const database = cached()

    const first = database.prepare('select * from items')
    const again = database.prepare('select * from items')
    const other = database.prepare('select name from items')

    expect(again).toBe(first)
    expect(other).not.toBe(first)
    expect(first.all([])).toHaveLength(3)
  })

  it('runs writes and reads with their parameters, and sees a schema change', () => {
    const database = cached()
    const insert = database.prepare('insert into items (name) values (?)')

    const result = insert.run(['d'])
    connection.exec('alter table items add column size integer')
    const rows = database.prepare('select * from items where id = ?').all([result.lastInsertRowid])

    expect(rows).toEqual([{ id: 4, name: 'd', size: null }])
  })

  it('gives a stream a statement of its own, so a stream left early does not block the cached one', async () => {
    const db = new Kysely<{ items: { id: number; name: string } }>({
      dialect: new SqliteDialect({ database: cached() }),
    })
    const query = db.selectFrom('items').select('name').orderBy('id')
    const streamed: string[] = []

    await query.execute()
    for await (const row of query.stream()) {
      streamed.push(row.name)
      break
    }
    const after = await query.execute()

    expect(streamed).toEqual(['a'])
    expect(after.map((row) => row.name)).toEqual(['a', 'b', 'c'])
  })

  it('prepares texts too long to keep each time', () => {
    const database = cached()
    const long = `select * from items where name in (${Array.from({ length: 40_000 }, () => "'x'").join(', ')})`

    expect(database.prepare(long)).not.toBe(database.prepare(long))
  })
})
