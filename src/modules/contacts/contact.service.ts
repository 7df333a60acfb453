import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { ClientRepository } from '../clients/client.repository.js'
import type { User } from '../users/user.types.js'
import { visibilityOf } from '../users/visibility.rules.js'
import type { ContactRepository } from './contact.repository.js'
import { normalizeContactChanges, normalizeNewContact } from './contact.rules.js'
import type { Contact, ContactInput } from './contact.types.js'

/** A concurrent write may take the primary flag between our clear and our write; each retry sees it. */
const PRIMARY_ATTEMPTS = 5

const contactNotFound = () => new AppError('not_found', 'not_found', 'Contact not found')

/** Contacts of api-extended.md §3.3; every route checks access to the contact's client. */
export class ContactService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly clients: ClientRepository,
    private readonly clock: Clock,
  ) {}

  /** The client's active contacts by name. */
  async listForClient(user: User, clientId: number): Promise<Contact[]> {
    await this.assertClientAccess(user, clientId)
    return this.contacts.listActive(clientId)
  }

  /** Creates a contact of the client; a primary one takes the flag from the others. */
  async create(user: User, clientId: number, input: ContactInput): Promise<Contact> {
    await this.assertClientAccess(user, clientId)
    const contact = normalizeNewContact(input, clientId, user.id)
    return this.retryingPrimary(() => this.contacts.insert(contact, this.clock.now()))
  }

  /** The contact, active or not, when the caller may see its client (§9 item 13). */
  async get(user: User, id: number): Promise<Contact> {
    const contact = await this.contacts.findById(id)
    if (!contact) throw contactNotFound()
    await this.assertClientAccess(user, contact.clientId)
    return contact
  }

  /** Partial update. */
  async update(user: User, id: number, input: ContactInput): Promise<Contact> {
    const contact = await this.get(user, id)
    const changes = normalizeContactChanges(input)
    return this.retryingPrimary(() => this.contacts.update(contact, changes, this.clock.now()))
  }

  /** Soft delete. */
  async delete(user: User, id: number): Promise<void> {
    const contact = await this.get(user, id)
    await this.contacts.deactivate(contact.id, this.clock.now())
  }

  /** Unknown client → 404; a client hidden by api-core.md §8 → 403. */
  private async assertClientAccess(user: User, clientId: number): Promise<void> {
    const found = await this.clients.findForViewer(clientId, visibilityOf(user, 'clients'))
    if (!found) throw new AppError('not_found', 'not_found', 'Client not found')
    if (!found.isVisible)
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this client', {
        error: 'Access denied',
      })
  }

  private async retryingPrimary(write: () => Promise<Contact | undefined>): Promise<Contact> {
    for (let attempt = 0; attempt < PRIMARY_ATTEMPTS; attempt += 1) {
      const contact = await write()
      if (contact) return contact
    }
    throw new AppError('conflict', 'conflict', 'The primary contact changed concurrently, please retry')
  }
}
