/**
 * @module WebSocket tickets: short-lived, single-use, bound to one participant and one document. The
 * browser cannot set headers on a WebSocket, so the ticket rides in the upgrade URL; being single-use and
 * short-lived, a ticket that ends up in a log is worthless. Tickets are kept in storage (by hash, like
 * invitation tokens and sessions), so that behind a load balancer the process that issued a ticket need not
 * be the one that redeems it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { LIMITS } from '../collab/limits.js'
import type { Storage } from '../storage/storage.js'

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('hex')

export class TicketBook {
  constructor(
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs: number = LIMITS.ticketLifetimeMs,
  ) {}

  async issue(participant: string, document: string): Promise<string> {
    const ticket = randomBytes(24).toString('base64url')
    const now = this.now()
    await this.storage.createTicket(hashOf(ticket), participant, document, now + this.lifetimeMs, now)
    return ticket
  }

  /** The participant the ticket was issued to, if it is valid for this document; the ticket is used up. */
  async redeem(ticket: string, document: string): Promise<string | undefined> {
    if (ticket.length === 0 || ticket.length > 64) return undefined
    const entry = await this.storage.redeemTicket(hashOf(ticket), this.now())
    return entry && entry.document === document ? entry.participant : undefined
  }
}
