import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { fromHundredths, optionalAmount } from './inventory-values.rules.js'
import type { StockMovement } from './inventory.types.js'
import { toWarehouseStockJson } from './stock-level.presenter.js'
import type { MovementBody, MovementRecordedJson, StockMovementJson } from './stock-movement.schemas.js'
import type { MovementResult } from './stock-movement.service.js'
import type { MovementFields } from './stock-movement.rules.js'

export function fromMovementBody(body: Static<typeof MovementBody>): MovementFields {
  return {
    movementType: body.movement_type,
    stockItemId: body.stock_item_id,
    warehouseId: body.warehouse_id,
    quantity: body.quantity,
    unitCost: body.unit_cost,
    reason: body.reason,
    notes: body.notes,
    referenceType: body.reference_type,
    referenceId: body.reference_id,
    devalueEnabled: body.devalue_enabled,
    devalueMethod: body.devalue_method,
    devaluePercent: body.devalue_percent,
    devalueUnitCost: body.devalue_unit_cost,
  }
}

export function toStockMovementJson(
  movement: StockMovement,
  write: DatetimeWriter,
): Static<typeof StockMovementJson> {
  return {
    id: movement.id,
    movement_type: movement.movementType,
    stock_item_id: movement.stockItemId,
    warehouse_id: movement.warehouseId,
    quantity: fromHundredths(movement.quantityHundredths),
    reference_type: movement.referenceType,
    reference_id: movement.referenceId,
    unit_cost: optionalAmount(movement.unitCostCents),
    reason: movement.reason,
    notes: movement.notes,
    moved_by: movement.movedBy,
    moved_at: write(movement.movedAt),
  }
}

export function toMovementRecordedJson(
  result: MovementResult,
  write: DatetimeWriter,
): Static<typeof MovementRecordedJson> {
  if (!result.movement || !result.stock) return { message: result.message }
  return {
    message: result.message,
    movement: toStockMovementJson(result.movement, write),
    updated_stock: toWarehouseStockJson(result.stock, write),
  }
}
