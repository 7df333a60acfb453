import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { User } from '../users/user.types.js'
import { isStorableId } from './inventory-values.rules.js'
import type { PageRequest, Warehouse, WarehouseFields } from './inventory.types.js'
import type { WarehouseRepository } from './warehouse.repository.js'
import { toWarehouseChanges } from './warehouse.rules.js'

export function warehouseNotFound(): AppError {
  return new AppError('not_found', 'not_found', 'Warehouse not found')
}

function codeTaken(code: string): AppError {
  return new AppError('invalid', 'bad_request', `Warehouse with code '${code}' already exists`)
}

/** Warehouses (api-extended.md §2.4; create, get, update and deactivate are Stint additions, §9 item 7). */
export class WarehouseService {
  constructor(
    private readonly warehouses: WarehouseRepository,
    private readonly clock: Clock,
  ) {}

  /** One page of warehouses by code. */
  async list(activeOnly: boolean, page: PageRequest): Promise<{ warehouses: Warehouse[]; total: number }> {
    return this.warehouses.list(activeOnly, page)
  }

  /** The warehouse; not_found when unknown. */
  async get(id: number): Promise<Warehouse> {
    const warehouse = isStorableId(id) ? await this.warehouses.findById(id) : undefined
    if (!warehouse) throw warehouseNotFound()
    return warehouse
  }

  async create(user: User, fields: WarehouseFields): Promise<Warehouse> {
    const changes = toWarehouseChanges(fields)
    const code = changes.code as string
    const created = await this.warehouses.insert(
      { ...changes, code, name: changes.name as string },
      user.id,
      this.clock.now(),
    )
    if (!created) throw codeTaken(code)
    return created
  }

  /** Partial update; a changed code is checked for uniqueness again. */
  async update(id: number, fields: WarehouseFields): Promise<Warehouse> {
    await this.get(id)
    const changes = toWarehouseChanges(fields)
    const updated = await this.warehouses.update(id, changes, this.clock.now())
    if (!updated) throw codeTaken(changes.code as string)
    return updated
  }

  /** Soft delete: the warehouse stays, inactive. */
  async deactivate(id: number): Promise<void> {
    await this.get(id)
    await this.warehouses.update(id, { isActive: false }, this.clock.now())
  }
}
