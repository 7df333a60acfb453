import { isUniqueViolation } from '../../db/constraint-errors.js'
import { AppError } from '../../errors.js'
import type { UnitOfWork } from '../../db/unit-of-work.js'
import { formatUtc } from '../../lib/iso-dates.js'
import type { Clock } from '../../platform/clock.js'
import type { EventOutbox } from '../events/event-outbox.js'
import { representationChanged } from '../events/event-subject.rules.js'
import type { ProjectRepository } from '../projects/project.repository.js'
import { canWrite, visibilityOf } from '../users/visibility.rules.js'
import type { User } from '../users/user.types.js'
import { clientEvent } from './client.events.js'
import { toClientJson } from './client.presenter.js'
import type { ClientRepository } from './client.repository.js'
import { toClientChanges, type ClientChanges, type ClientFields } from './client.rules.js'
import type { Client, ClientDetails } from './client.types.js'

/** A page of a list: 1-based page number and its size. */
export interface PageWindow {
  page: number
  perPage: number
}

const insufficientPermissions = () => new AppError('forbidden', 'forbidden', 'Insufficient permissions')
const notFound = () => new AppError('not_found', 'not_found', 'Client not found')
const duplicateName = () =>
  new AppError('invalid', 'duplicate_client', 'A client with this name already exists')

/** Clients of api-core.md §10, with the visibility and permission rules of §8. */
export class ClientService {
  constructor(
    private readonly clients: ClientRepository,
    private readonly projects: ProjectRepository,
    private readonly clock: Clock,
    private readonly units: UnitOfWork,
    private readonly events: EventOutbox,
  ) {}

  /** One page of the clients the user may see, by name, with their project counts. */
  async list(user: User, window: PageWindow): Promise<{ items: ClientDetails[]; total: number }> {
    const visibility = visibilityOf(user, 'clients')
    const rows = { limit: window.perPage, offset: (window.page - 1) * window.perPage }
    const [clients, total] = await Promise.all([
      this.clients.listVisible(visibility, rows),
      this.clients.countVisible(visibility),
    ])
    return { items: await this.withCounts(clients), total }
  }

  /** A visible client: `not_found` when missing, `forbidden` when hidden. */
  async get(user: User, id: number): Promise<ClientDetails> {
    const [details] = await this.withCounts([await this.getVisible(user, id)])
    return details as ClientDetails
  }

  /** Creates a client owned by the user (`created_by`), status `active`. */
  async create(user: User, fields: ClientFields): Promise<ClientDetails> {
    const changes = toClientChanges(fields, true)
    if (!canWrite(user, 'create', 'clients', true)) throw insufficientPermissions()
    const name = changes.name as string
    if (await this.clients.isNameTaken(name)) throw duplicateName()
    return this.saving(() =>
      this.units.run(async () => {
        const client = await this.clients.insert(
          { ...emptyClient(), ...changes, name, createdBy: user.id, status: 'active' },
          this.clock.now(),
        )
        const details = { client, projectCounts: { total: 0, active: 0 } }
        this.events.raise(clientEvent('created', user, details))
        return details
      }),
    )
  }

  /** Changes the keys present; the name stays unique among the other clients. */
  async update(user: User, id: number, fields: ClientFields): Promise<ClientDetails> {
    const changes = toClientChanges(fields, false)
    const client = await this.getWritable(user, id, 'edit')
    if (changes.name !== undefined && (await this.clients.isNameTaken(changes.name, client.id)))
      throw duplicateName()
    return this.saving(() =>
      this.units.run(async () => {
        const [before] = await this.withCounts([client])
        const updated = await this.clients.update(client.id, changes, this.clock.now())
        if (!updated) throw notFound()
        const [details] = (await this.withCounts([updated])) as [ClientDetails]
        if (
          representationChanged(
            toClientJson(before as ClientDetails, formatUtc),
            toClientJson(details, formatUtc),
          )
        )
          this.events.raise(clientEvent('updated', user, details))
        return details
      }),
    )
  }

  /** Archives: status `inactive`; nothing is deleted (api-core.md §10.2). */
  async archive(user: User, id: number): Promise<void> {
    const client = await this.getWritable(user, id, 'delete')
    await this.units.run(async () => {
      const archived = await this.clients.update(
        client.id,
        { status: 'inactive' } satisfies ClientChanges,
        this.clock.now(),
      )
      const [details] = await this.withCounts([archived ?? client])
      this.events.raise(clientEvent('deleted', user, details as ClientDetails))
    })
  }

  private async getVisible(user: User, id: number): Promise<Client> {
    const found = await this.clients.findForViewer(id, visibilityOf(user, 'clients'))
    if (!found) throw notFound()
    if (!found.isVisible)
      throw new AppError('forbidden', 'forbidden', 'You do not have access to this client')
    return found.client
  }

  private async getWritable(user: User, id: number, action: 'edit' | 'delete'): Promise<Client> {
    const client = await this.getVisible(user, id)
    if (!canWrite(user, action, 'clients', client.createdBy === user.id)) throw insufficientPermissions()
    return client
  }

  /** A concurrent request may take the name between the check and the write; the unique key decides. */
  private async saving<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName()
      throw error
    }
  }

  private async withCounts(clients: Client[]): Promise<ClientDetails[]> {
    const counts = await this.projects.countByClient(clients.map((client) => client.id))
    return clients.map((client) => ({
      client,
      projectCounts: counts.get(client.id) ?? { total: 0, active: 0 },
    }))
  }
}

function emptyClient() {
  return {
    company: null,
    description: null,
    contactPerson: null,
    email: null,
    phone: null,
    address: null,
    defaultHourlyRateCents: null,
  }
}
