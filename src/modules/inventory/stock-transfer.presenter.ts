import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import { fromHundredths } from './inventory-values.rules.js'
import { toStockMovementJson } from './stock-movement.presenter.js'
import type { TransferFields, TransferPair } from './stock-transfer.rules.js'
import type {
  TransferBody,
  TransferCreatedJson,
  TransferEnvelopeJson,
  TransferListJson,
} from './stock-transfer.schemas.js'
import type { TransferPage } from './stock-transfer.service.js'

export function fromTransferBody(body: Static<typeof TransferBody>): TransferFields {
  return {
    stockItemId: body.stock_item_id,
    fromWarehouseId: body.from_warehouse_id,
    toWarehouseId: body.to_warehouse_id,
    quantity: body.quantity,
    notes: body.notes,
  }
}

/** The fields a list element and a single transfer share (api-extended.md §2.7). */
function transferFieldsJson({ referenceId, outbound, inbound }: TransferPair, write: DatetimeWriter) {
  return {
    reference_id: referenceId,
    moved_at: write(inbound.movedAt),
    stock_item_id: outbound.stockItemId,
    from_warehouse_id: outbound.warehouseId,
    to_warehouse_id: inbound.warehouseId,
    quantity: fromHundredths(Math.abs(outbound.quantityHundredths)),
    notes: outbound.notes ?? inbound.notes,
  }
}

export function toTransferListJson(
  page: TransferPage,
  request: PageRequest,
  write: DatetimeWriter,
): Static<typeof TransferListJson> {
  return {
    transfers: page.transfers.map((pair) => ({
      ...transferFieldsJson(pair, write),
      movement_ids: [pair.outbound.id, pair.inbound.id],
    })),
    pagination: toPaginationJson(request, page.total),
  }
}

export function toTransferJson(
  pair: TransferPair,
  write: DatetimeWriter,
): Static<typeof TransferEnvelopeJson> {
  return {
    transfer: {
      ...transferFieldsJson(pair, write),
      movements: [toStockMovementJson(pair.outbound, write), toStockMovementJson(pair.inbound, write)],
    },
  }
}

export function toTransferCreatedJson(
  pair: TransferPair,
  write: DatetimeWriter,
): Static<typeof TransferCreatedJson> {
  return {
    message: 'Stock transfer completed successfully',
    reference_id: pair.referenceId,
    transfers: [pair.outbound, pair.inbound].map((movement) => ({
      movement_id: movement.id,
      movement: toStockMovementJson(movement, write),
    })),
  }
}
