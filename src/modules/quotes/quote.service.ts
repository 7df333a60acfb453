import { AppError } from '../../errors.js'
import { localDate } from '../../lib/zoned-time.js'
import type { Clock } from '../../platform/clock.js'
import type { ClientRepository } from '../clients/client.repository.js'
import type { User } from '../users/user.types.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { QuoteRepository } from './quote.repository.js'
import {
  assertRequiredFields,
  canSeeQuote,
  isStorableId,
  nextQuoteNumber,
  normalizeNewQuoteFields,
  normalizeQuoteChanges,
  quoteNumberPrefix,
} from './quote.rules.js'
import type {
  CreateQuoteInput,
  NewQuote,
  NewQuoteItem,
  Quote,
  QuoteFilter,
  QuotePage,
  UpdateQuoteInput,
} from './quote.types.js'

/**
 * Concurrent creates on one day race for the same number; each lost race costs one more
 * attempt, and every round at least one of them wins, so this covers many simultaneous creates.
 */
const NUMBER_ATTEMPTS = 100

function quoteNotFound(): AppError {
  return new AppError('not_found', 'not_found', 'Quote not found')
}

function insufficientPermissions(): AppError {
  return new AppError('forbidden', 'forbidden', 'Insufficient permissions')
}

/**
 * Edits and deletes need edit_own_quotes / edit_all_quotes: the roles carry no
 * delete_*_quotes permission, and the contract lets owners delete their quotes (§15.2).
 */
function mayChange(user: User, quote: Quote): boolean {
  return canWrite(user, 'edit', 'quotes', quote.createdBy === user.id)
}

/** Quotes of api-core.md §15: numbering, exact totals from the lines, owner-only access. */
export class QuoteService {
  constructor(
    private readonly quotes: QuoteRepository,
    private readonly clients: ClientRepository,
    private readonly clock: Clock,
    private readonly appTimezone: string,
  ) {}

  /** Today's date in the app timezone, which decides `is_expired`. */
  today(): string {
    return localDate(this.clock.now(), this.appTimezone)
  }

  /** One page of the quotes the user may see, newest first. */
  async list(user: User, filter: QuoteFilter, page: QuotePage): Promise<{ quotes: Quote[]; total: number }> {
    if (filter.clientId !== undefined && !isStorableId(filter.clientId)) return { quotes: [], total: 0 }
    return this.quotes.list(filter, visibilityOf(user, 'quotes'), page)
  }

  /** The quote; a foreign one is answered as missing. */
  async get(user: User, id: number): Promise<Quote> {
    const quote = await this.quotes.findById(id)
    if (!quote || !canSeeQuote(visibilityOf(user, 'quotes'), quote)) throw quoteNotFound()
    return quote
  }

  /** Creates a draft quote numbered QUO-YYYYMMDD-NNN with its lines. */
  async create(user: User, input: CreateQuoteInput): Promise<Quote> {
    if (!canWrite(user, 'create', 'quotes', true)) throw insufficientPermissions()
    const { clientId, title } = assertRequiredFields(input)
    // The client's visibility is not checked (api-core.md §8, kept from the original).
    if (!isStorableId(clientId) || !(await this.clients.findById(clientId)))
      throw new AppError('invalid', 'invalid_client', 'Invalid client')
    const { items, ...fields } = normalizeNewQuoteFields(input)
    return this.insertNumbered({ ...fields, clientId, title, createdBy: user.id }, items)
  }

  /** Partial update; `items`, when sent, replaces every line. */
  async update(user: User, id: number, input: UpdateQuoteInput): Promise<Quote> {
    const quote = await this.quotes.findById(id)
    if (!quote) throw quoteNotFound()
    if (!canSeeQuote(visibilityOf(user, 'quotes'), quote))
      throw new AppError('forbidden', 'forbidden', 'Access denied')
    if (!mayChange(user, quote)) throw insufficientPermissions()
    const { changes, items } = normalizeQuoteChanges(input)
    return this.quotes.update(id, changes, items, this.clock.now())
  }

  /** Hard delete with the lines. */
  async delete(user: User, id: number): Promise<void> {
    const quote = await this.get(user, id)
    if (!mayChange(user, quote)) throw insufficientPermissions()
    await this.quotes.delete(id)
  }

  /** Takes 1 + the day's highest sequence; a concurrent create that took it first means: read again, retry. */
  private async insertNumbered(quote: Omit<NewQuote, 'quoteNumber'>, items: NewQuoteItem[]): Promise<Quote> {
    const now = this.clock.now()
    const prefix = quoteNumberPrefix(localDate(now, this.appTimezone))
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt += 1) {
      const quoteNumber = nextQuoteNumber(prefix, await this.quotes.numbersWithPrefix(prefix))
      const created = await this.quotes.insert({ ...quote, quoteNumber }, items, now)
      if (created) return created
    }
    throw new AppError('conflict', 'conflict', 'Could not allocate a quote number, please retry')
  }
}
