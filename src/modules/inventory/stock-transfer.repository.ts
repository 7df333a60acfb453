import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/tables.js'
import { readNumber } from '../../db/values.js'
import type { InstantRange, PageRequest, StockMovement } from './inventory.types.js'
import { toStockMovement } from './stock-ledger.repository.js'

export interface TransferGroup {
  referenceId: number
  movements: number
}

/** Reads of transfer movements, grouped by reference id in SQL (api-extended.md §2.7). */
export class StockTransferRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private transferMovements(range: InstantRange) {
    return this.db
      .selectFrom('stockMovements')
      .where('movementType', '=', 'transfer')
      .where('referenceType', '=', 'transfer')
      .where('referenceId', 'is not', null)
      .$if(range.from !== undefined, (q) => q.where('movedAt', '>=', range.from as Date))
      .$if(range.to !== undefined, (q) => q.where('movedAt', '<=', range.to as Date))
  }

  /** One page of reference groups, latest movement first, and the number of groups. */
  async groups(range: InstantRange, page: PageRequest): Promise<{ groups: TransferGroup[]; total: number }> {
    const matching = this.transferMovements(range)
    const counted = await matching
      .select((eb) => eb.fn.count('referenceId').distinct().as('total'))
      .executeTakeFirstOrThrow()
    const rows = await matching
      .select((eb) => ['referenceId', eb.fn.countAll().as('movements')])
      .groupBy('referenceId')
      .orderBy(sql`max(moved_at)`, 'desc')
      .orderBy('referenceId', 'desc')
      .limit(page.perPage)
      .offset((page.page - 1) * page.perPage)
      .execute()
    return {
      groups: rows.map((row) => ({
        referenceId: readNumber(row.referenceId),
        movements: readNumber(row.movements),
      })),
      total: readNumber(counted.total),
    }
  }

  /** The matching movements of these references, by id. */
  async movementsOf(referenceIds: number[], range: InstantRange = {}): Promise<StockMovement[]> {
    if (referenceIds.length === 0) return []
    const rows = await this.transferMovements(range)
      .selectAll()
      .where('referenceId', 'in', referenceIds)
      .orderBy('id')
      .execute()
    return rows.map(toStockMovement)
  }
}
