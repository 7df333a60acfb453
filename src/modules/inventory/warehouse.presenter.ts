import type { Static } from '@sinclair/typebox'
import type { DatetimeWriter } from '../../http/datetime-output.js'
import { readBoolean } from '../../http/field-types.js'
import { toPaginationJson, type PageRequest } from '../../http/pagination.js'
import type { Warehouse, WarehouseFields } from './inventory.types.js'
import type { WarehouseBody, WarehouseJson, WarehouseListJson } from './warehouse.schemas.js'

export function fromWarehouseBody(body: Static<typeof WarehouseBody>): WarehouseFields {
  return {
    name: body.name,
    code: body.code,
    address: body.address,
    contactPerson: body.contact_person,
    contactEmail: body.contact_email,
    contactPhone: body.contact_phone,
    isActive: body.is_active === undefined ? undefined : readBoolean(body.is_active),
    notes: body.notes,
  }
}

export function toWarehouseJson(warehouse: Warehouse, write: DatetimeWriter): Static<typeof WarehouseJson> {
  return {
    id: warehouse.id,
    name: warehouse.name,
    code: warehouse.code,
    address: warehouse.address,
    contact_person: warehouse.contactPerson,
    contact_email: warehouse.contactEmail,
    contact_phone: warehouse.contactPhone,
    is_active: warehouse.isActive,
    notes: warehouse.notes,
    created_at: write(warehouse.createdAt),
    updated_at: write(warehouse.updatedAt),
    created_by: warehouse.createdBy,
  }
}

export function toWarehouseListJson(
  result: { warehouses: Warehouse[]; total: number },
  page: PageRequest,
  write: DatetimeWriter,
): Static<typeof WarehouseListJson> {
  return {
    items: result.warehouses.map((warehouse) => toWarehouseJson(warehouse, write)),
    pagination: toPaginationJson(page, result.total),
  }
}
