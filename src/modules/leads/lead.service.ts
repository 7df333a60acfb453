import { AppError } from '../../errors.js'
import type { Clock } from '../../platform/clock.js'
import type { DealReferenceCheck } from '../deals/deal-references.service.js'
import type { User } from '../users/user.types.js'
import type { LeadRepository } from './lead.repository.js'
import { canAccessLead, normalizeLeadChanges, normalizeNewLead } from './lead.rules.js'
import type { Lead, LeadFilter, LeadInput, LeadPage } from './lead.types.js'

const leadNotFound = () => new AppError('not_found', 'not_found', 'Lead not found')
const accessDenied = () => new AppError('forbidden', 'forbidden', 'Access denied')

/** Leads of api-extended.md §3.2: owners and administrators only. */
export class LeadService {
  constructor(
    private readonly leads: LeadRepository,
    private readonly references: DealReferenceCheck,
    private readonly clock: Clock,
  ) {}

  /** One page of leads; a non-admin only ever sees their own, whatever `owner` says (§9 item 11). */
  async list(user: User, filter: LeadFilter, page: LeadPage): Promise<{ leads: Lead[]; total: number }> {
    const ownerId = user.isAdmin ? filter.ownerId : user.id
    return this.leads.list({ ...filter, ownerId }, page)
  }

  /** The lead: 404 when missing, 403 when the caller neither owns it nor is an administrator. */
  async get(user: User, id: number): Promise<Lead> {
    const lead = await this.leads.findById(id)
    if (!lead) throw leadNotFound()
    if (!canAccessLead(user, lead)) throw accessDenied()
    return lead
  }

  /** Creates a lead by the caller, owned by `owner_id` or the caller. */
  async create(user: User, input: LeadInput): Promise<Lead> {
    const lead = normalizeNewLead(input, user.id)
    await this.references.assertExist({ ownerId: lead.ownerId })
    return this.leads.insert(lead, this.clock.now())
  }

  /** Partial update by the owner or an administrator. */
  async update(user: User, id: number, input: LeadInput): Promise<Lead> {
    await this.get(user, id)
    const changes = normalizeLeadChanges(input)
    await this.references.assertExist({ ownerId: changes.ownerId })
    const updated = await this.leads.update(id, changes, this.clock.now())
    if (!updated) throw leadNotFound()
    return updated
  }

  /** Hard delete by the owner or an administrator. */
  async delete(user: User, id: number): Promise<void> {
    await this.get(user, id)
    await this.leads.delete(id)
  }
}
