import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, DealTable } from '../../db/tables.js'
import { readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { Deal, DealChanges, DealFilter, DealPage, NewDeal } from './deal.types.js'

function toDeal(row: Selectable<DealTable>): Deal {
  return {
    ...row,
    valueCents: row.valueCents === null ? null : readNumber(row.valueCents),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
    closedAt: readOptionalInstant(row.closedAt),
  }
}

/** Deals (api-extended.md §3.1). */
export class DealRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<Deal | undefined> {
    const row = await this.db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toDeal(row)
  }

  /** One page of the matching deals: close date ascending with nulls last, then newest first. */
  async list(filter: DealFilter, page: DealPage): Promise<{ deals: Deal[]; total: number }> {
    const matching = this.db
      .selectFrom('deals')
      .$if(filter.ownerId !== undefined, (q) => q.where('ownerId', '=', filter.ownerId as number))
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
      .$if(filter.stage !== undefined, (q) => q.where('stage', '=', filter.stage as string))
    const counted = await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
    const rows = await matching
      .selectAll()
      .orderBy(sql`expected_close_date is null`)
      .orderBy('expectedCloseDate')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return { deals: rows.map(toDeal), total: readNumber(counted.total) }
  }

  async insert(deal: NewDeal, now: Date): Promise<Deal> {
    const row = await this.db
      .insertInto('deals')
      .values({ ...deal, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toDeal(row)
  }

  /** Applies the changes and stamps `updatedAt`; undefined when the deal is gone. */
  async update(id: number, changes: DealChanges, now: Date): Promise<Deal | undefined> {
    const row = await this.db
      .updateTable('deals')
      .set({ ...changes, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toDeal(row)
  }

  /** Hard delete. */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('deals').where('id', '=', id).execute()
  }
}
