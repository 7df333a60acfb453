import { Type } from '@sinclair/typebox'
import { BooleanField, Nullable } from '../../http/field-types.js'

// Request shapes (api-extended.md §3.3). Unknown keys are ignored; the names are checked by
// contact.rules.ts so that a missing one reads "first_name and last_name are required".

const Text = (maxLength?: number) =>
  Type.Optional(Nullable(Type.String(maxLength === undefined ? {} : { maxLength })))

/** Create and update take the same keys. */
export const ContactBody = Type.Object({
  first_name: Text(100),
  last_name: Text(100),
  email: Text(200),
  phone: Text(50),
  mobile: Text(50),
  title: Text(100),
  department: Text(100),
  address: Text(),
  notes: Text(),
  tags: Text(),
  role: Text(50),
  is_primary: Type.Optional(
    BooleanField({ description: 'Default false; true takes the flag from the other contacts' }),
  ),
})

export const ClientContactsParams = Type.Object({ client_id: Type.String() })
export const ContactIdParams = Type.Object({ id: Type.String() })

// Response shapes (§3.3).

export const ContactJson = Type.Object({
  id: Type.Integer(),
  client_id: Type.Integer(),
  first_name: Type.String(),
  last_name: Type.String(),
  full_name: Type.String(),
  display_name: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  mobile: Nullable(Type.String()),
  title: Nullable(Type.String()),
  department: Nullable(Type.String()),
  role: Type.String(),
  is_primary: Type.Boolean(),
  address: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  is_active: Type.Boolean(),
  created_by: Type.Integer(),
  created_at: Type.String(),
  updated_at: Type.String(),
})

export const ContactListJson = Type.Object({ contacts: Type.Array(ContactJson) })
export const ContactResponseJson = Type.Object({ contact: ContactJson })
export const ContactSavedJson = Type.Object({ message: Type.String(), contact: ContactJson })
export const ContactDeletedJson = Type.Object({ message: Type.String() })
