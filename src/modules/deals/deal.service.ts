import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import type { DealReferenceCheck } from './deal-references.service.js'
import type { DealRepository } from './deal.repository.js'
import { canAccessDeal, normalizeDealChanges, normalizeNewDeal } from './deal.rules.js'
import type { CreateDealInput, Deal, DealFilter, DealPage, UpdateDealInput } from './deal.types.js'

const dealNotFound = () => new AppError('not_found', 'not_found', 'Deal not found')
const accessDenied = () => new AppError('forbidden', 'forbidden', 'Access denied')

/** Deals of api-extended.md §3.1: owners and administrators only. */
export class DealService {
  constructor(
    private readonly deals: DealRepository,
    private readonly references: DealReferenceCheck,
    private readonly clock: Clock,
  ) {}

  /** One page of deals; a non-admin only ever sees their own, whatever `owner` says (§9 item 11). */
  async list(user: User, filter: DealFilter, page: DealPage): Promise<{ deals: Deal[]; total: number }> {
    const ownerId = user.isAdmin ? filter.ownerId : user.id
    return this.deals.list({ ...filter, ownerId }, page)
  }

  /** The deal: 404 when missing, 403 when the caller neither owns it nor is an administrator. */
  async get(user: User, id: number): Promise<Deal> {
    const deal = await this.deals.findById(id)
    if (!deal) throw dealNotFound()
    if (!canAccessDeal(user, deal)) throw accessDenied()
    return deal
  }

  /** Creates a deal by the caller, owned by `owner_id` or the caller. */
  async create(user: User, input: CreateDealInput): Promise<Deal> {
    const deal = normalizeNewDeal(input, user.id)
    await this.references.assertExist(deal)
    return this.deals.insert(deal, this.clock.now())
  }

  /** Partial update by the owner or an administrator. */
  async update(user: User, id: number, input: UpdateDealInput): Promise<Deal> {
    await this.get(user, id)
    const changes = normalizeDealChanges(input)
    await this.references.assertExist(changes)
    const updated = await this.deals.update(id, changes, this.clock.now())
    if (!updated) throw dealNotFound()
    return updated
  }

  /** Hard delete by the owner or an administrator. */
  async delete(user: User, id: number): Promise<void> {
    await this.get(user, id)
    await this.deals.delete(id)
  }
}
