import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import { isStorableId } from './inventory-values.rules.js'
import type { PageRequest, StockItem, StockItemFields, StockItemFilter } from './inventory.types.js'
import type { StockItemRepository } from './stock-item.repository.js'
import { toStockItemChanges } from './stock-item.rules.js'

export function stockItemNotFound(): AppError {
  return new AppError('not_found', 'not_found', 'Stock item not found')
}

/** Stock items (api-extended.md §2.3): shared by every user, no ownership. */
export class StockItemService {
  constructor(
    private readonly items: StockItemRepository,
    private readonly clock: Clock,
  ) {}

  /** One page of items by name. */
  async list(filter: StockItemFilter, page: PageRequest): Promise<{ items: StockItem[]; total: number }> {
    return this.items.list(filter, page)
  }

  /** The item with its stock totals; not_found when unknown. */
  async get(id: number): Promise<StockItem> {
    const item = isStorableId(id) ? await this.items.findById(id) : undefined
    if (!item) throw stockItemNotFound()
    return item
  }

  /** Creates an item; the token's user is its creator (§9 item 5). */
  async create(user: User, fields: StockItemFields): Promise<StockItem> {
    const changes = toStockItemChanges(fields, true)
    const sku = changes.sku as string
    const created = await this.items.insert(
      { ...changes, sku, name: changes.name as string },
      user.id,
      this.clock.now(),
    )
    if (!created) throw new AppError('invalid', 'bad_request', `Stock item with SKU '${sku}' already exists`)
    return created
  }

  /** Partial update; the SKU cannot change. */
  async update(id: number, fields: StockItemFields): Promise<StockItem> {
    await this.get(id)
    return this.items.update(id, toStockItemChanges(fields, false), this.clock.now())
  }

  /** Soft delete: the item stays, inactive. */
  async deactivate(id: number): Promise<void> {
    await this.get(id)
    await this.items.update(id, { isActive: false }, this.clock.now())
  }
}
