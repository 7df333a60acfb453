import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, LeadTable } from '../../db/tables.js'
import { containsIgnoringCase } from '../../db/text-match.js'
import { readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { Lead, LeadChanges, LeadFilter, LeadPage, NewLead } from './lead.types.js'

function toLead(row: Selectable<LeadTable>): Lead {
  return {
    ...row,
    estimatedValueCents: row.estimatedValueCents === null ? null : readNumber(row.estimatedValueCents),
    convertedAt: readOptionalInstant(row.convertedAt),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
  }
}

/** Leads (api-extended.md §3.2). */
export class LeadRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<Lead | undefined> {
    const row = await this.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toLead(row)
  }

  /** One page of the matching leads: highest score first, then newest. */
  async list(filter: LeadFilter, page: LeadPage): Promise<{ leads: Lead[]; total: number }> {
    const search = filter.search
    const matching = this.db
      .selectFrom('leads')
      .$if(filter.ownerId !== undefined, (q) => q.where('ownerId', '=', filter.ownerId as number))
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
      .$if(filter.status === undefined, (q) => q.where('status', 'not in', ['converted', 'lost']))
      .$if(filter.source !== undefined, (q) => q.where('source', '=', filter.source as string))
      .$if(search !== undefined, (q) =>
        q.where((eb) =>
          eb.or(
            ['firstName', 'lastName', 'companyName', 'email'].map((column) =>
              containsIgnoringCase(column, search as string),
            ),
          ),
        ),
      )
    const counted = await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
    const rows = await matching
      .selectAll()
      .orderBy(sql`score is null`)
      .orderBy('score', 'desc')
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return { leads: rows.map(toLead), total: readNumber(counted.total) }
  }

  async insert(lead: NewLead, now: Date): Promise<Lead> {
    const row = await this.db
      .insertInto('leads')
      .values({ ...lead, createdAt: now, updatedAt: now })
      .returningAll()
      .executeTakeFirstOrThrow()
    return toLead(row)
  }

  /** Applies the changes and stamps `updatedAt`; undefined when the lead is gone. */
  async update(id: number, changes: LeadChanges, now: Date): Promise<Lead | undefined> {
    const row = await this.db
      .updateTable('leads')
      .set({ ...changes, updatedAt: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return row && toLead(row)
  }

  /** Hard delete; deals that named the lead keep no reference (foreign key: set null). */
  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('leads').where('id', '=', id).execute()
  }
}
