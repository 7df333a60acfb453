import { sql, type Kysely, type Selectable } from 'kysely'
import type { ApiTokenTable, Database } from '../../db/tables.js'
import { readFlag, readInstant, readOptionalInstant } from '../../db/values.js'

export interface ApiToken {
  id: number
  name: string
  description: string | null
  tokenPrefix: string
  userId: number
  username: string
  scopes: string
  createdAt: Date
  expiresAt: Date | null
  lastUsedAt: Date | null
  usageCount: number
  isActive: boolean
  ipWhitelist: string | null
}

export interface NewApiToken {
  name: string
  description: string | null
  tokenHash: string
  tokenPrefix: string
  userId: number
  scopes: string
  expiresAt: Date | null
  ipWhitelist?: string | null
}

type TokenRow = Omit<Selectable<ApiTokenTable>, 'tokenHash'> & { username: string }

function toApiToken(row: TokenRow): ApiToken {
  return {
    ...row,
    createdAt: readInstant(row.createdAt),
    expiresAt: readOptionalInstant(row.expiresAt),
    lastUsedAt: readOptionalInstant(row.lastUsedAt),
    isActive: readFlag(row.isActive),
  }
}

export class TokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private selectTokens() {
    return this.db
      .selectFrom('apiTokens as t')
      .innerJoin('users as u', 'u.id', 't.userId')
      .select([
        't.id',
        't.name',
        't.description',
        't.tokenPrefix',
        't.userId',
        'u.username',
        't.scopes',
        't.createdAt',
        't.expiresAt',
        't.lastUsedAt',
        't.usageCount',
        't.isActive',
        't.ipWhitelist',
      ])
  }

  async insert(token: NewApiToken, now: Date): Promise<ApiToken> {
    const { id } = await this.db
      .insertInto('apiTokens')
      .values({ ...token, createdAt: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    return (await this.findById(id)) as ApiToken
  }

  async findById(id: number): Promise<ApiToken | undefined> {
    const row = await this.selectTokens().where('t.id', '=', id).executeTakeFirst()
    return row && toApiToken(row)
  }

  async findByHash(tokenHash: string): Promise<ApiToken | undefined> {
    const row = await this.selectTokens().where('t.tokenHash', '=', tokenHash).executeTakeFirst()
    return row && toApiToken(row)
  }

  async list(userId: number | undefined): Promise<ApiToken[]> {
    let query = this.selectTokens().orderBy('t.id')
    if (userId !== undefined) query = query.where('t.userId', '=', userId)
    return (await query.execute()).map(toApiToken)
  }

  async deactivate(id: number): Promise<boolean> {
    const result = await this.db
      .updateTable('apiTokens')
      .set({ isActive: false })
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Adds `count` uses and moves last_used_at forward (never back). */
  async addUsage(id: number, count: number, lastUsedAt: Date): Promise<void> {
    await this.db
      .updateTable('apiTokens')
      .set((eb) => ({
        usageCount: eb('usageCount', '+', count),
        lastUsedAt: sql<Date>`case when last_used_at is null or last_used_at < ${lastUsedAt} then ${lastUsedAt} else last_used_at end`,
      }))
      .where('id', '=', id)
      .execute()
  }
}
