import type { Kysely, Selectable, Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/constraint-errors.js'
import type { Database, QuoteItemTable, QuoteTable } from '../../db/tables.js'
import { readFlag, readInstant, readNumber, readOptionalInstant } from '../../db/values.js'
import type { Visibility } from '../users/visibility.rules.js'
import type {
  LineKind,
  NewQuote,
  NewQuoteItem,
  Quote,
  QuoteChanges,
  QuoteFilter,
  QuoteItem,
  QuotePage,
  QuoteStatus,
} from './quote.types.js'

function toQuoteItem(row: Selectable<QuoteItemTable>): QuoteItem {
  return {
    ...row,
    lineKind: row.lineKind as LineKind,
    quantityThousandths: readNumber(row.quantityThousandths),
    unitPriceCents: readNumber(row.unitPriceCents),
    createdAt: readInstant(row.createdAt),
  }
}

function toQuote(row: Selectable<QuoteTable>, items: QuoteItem[]): Quote {
  return {
    ...row,
    status: row.status as QuoteStatus,
    visibleToClient: readFlag(row.visibleToClient),
    sentAt: readOptionalInstant(row.sentAt),
    acceptedAt: readOptionalInstant(row.acceptedAt),
    rejectedAt: readOptionalInstant(row.rejectedAt),
    createdAt: readInstant(row.createdAt),
    updatedAt: readInstant(row.updatedAt),
    items: items.filter((item) => item.quoteId === row.id),
  }
}

/** The quote_number unique key, on either dialect (SQLite names the column, PostgreSQL the constraint). */
function isQuoteNumberTaken(error: unknown): boolean {
  const { message, constraint } = error as { message?: unknown; constraint?: unknown }
  return isUniqueViolation(error) && `${String(constraint)} ${String(message)}`.includes('quote_number')
}

/** Quotes and their items; a quote is always read and written together with its lines. */
export class QuoteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<Quote | undefined> {
    const row = await this.db.selectFrom('quotes').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toQuote(row, await this.itemsOf([row.id]))
  }

  /** Every quote number already used with this prefix (`QUO-YYYYMMDD-`). */
  async numbersWithPrefix(prefix: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('quotes')
      .select('quoteNumber')
      .where('quoteNumber', 'like', `${prefix}%`)
      .execute()
    return rows.map((row) => row.quoteNumber)
  }

  /** One page of the quotes `visibility` shows, newest first, and the number of matches. */
  async list(
    filter: QuoteFilter,
    visibility: Visibility,
    page: QuotePage,
  ): Promise<{ quotes: Quote[]; total: number }> {
    const matching = this.db
      .selectFrom('quotes')
      .$if(visibility.scope !== 'all', (q) =>
        q.where('createdBy', '=', (visibility as { userId: number }).userId),
      )
      .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status as string))
      .$if(filter.clientId !== undefined, (q) => q.where('clientId', '=', filter.clientId as number))
    const counted = await matching.select((eb) => eb.fn.countAll().as('total')).executeTakeFirstOrThrow()
    const rows = await matching
      .selectAll()
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    const items = await this.itemsOf(rows.map((row) => row.id))
    return { quotes: rows.map((row) => toQuote(row, items)), total: readNumber(counted.total) }
  }

  /** Inserts the quote and its lines in one transaction; undefined when the quote number is already taken. */
  async insert(quote: NewQuote, items: NewQuoteItem[], now: Date): Promise<Quote | undefined> {
    try {
      const id = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('quotes')
          .values({ ...quote, createdAt: now, updatedAt: now, visibleToClient: false })
          .returning('id')
          .executeTakeFirstOrThrow()
        await this.insertItems(trx, row.id, items, now)
        return row.id
      })
      return await this.findById(id)
    } catch (error) {
      if (isQuoteNumberTaken(error)) return undefined
      throw error
    }
  }

  /** Applies the changes and, when given, replaces every line, in one transaction. */
  async update(
    id: number,
    changes: QuoteChanges,
    items: NewQuoteItem[] | undefined,
    now: Date,
  ): Promise<Quote> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('quotes')
        .set({ ...changes, updatedAt: now })
        .where('id', '=', id)
        .execute()
      if (items === undefined) return
      await trx.deleteFrom('quoteItems').where('quoteId', '=', id).execute()
      await this.insertItems(trx, id, items, now)
    })
    return (await this.findById(id)) as Quote
  }

  /** Hard delete of the quote with its lines. */
  async delete(id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('quoteItems').where('quoteId', '=', id).execute()
      await trx.deleteFrom('quotes').where('id', '=', id).execute()
    })
  }

  private async insertItems(trx: Transaction<Database>, quoteId: number, items: NewQuoteItem[], now: Date) {
    if (items.length === 0) return
    await trx
      .insertInto('quoteItems')
      .values(items.map((item) => ({ ...item, quoteId, createdAt: now })))
      .execute()
  }

  private async itemsOf(quoteIds: number[]): Promise<QuoteItem[]> {
    if (quoteIds.length === 0) return []
    const rows = await this.db
      .selectFrom('quoteItems')
      .selectAll()
      .where('quoteId', 'in', quoteIds)
      .orderBy('quoteId')
      .orderBy('position')
      .orderBy('id')
      .execute()
    return rows.map(toQuoteItem)
  }
}
