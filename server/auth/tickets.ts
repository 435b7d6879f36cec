/**
 * @module WebSocket tickets: short-lived, single-use, bound to one participant and one document. The
 * browser cannot set headers on a WebSocket, so the ticket rides in the upgrade URL; being single-use and
 * short-lived, a ticket that ends up in a log is worthless.
 */
import { randomBytes } from 'node:crypto'
import { LIMITS } from '../collab/limits.js'

interface Ticket {
  participant: string
  document: string
  expiresAt: number
}

export class TicketBook {
  private readonly tickets = new Map<string, Ticket>()

  constructor(
    private readonly now: () => number = Date.now,
    private readonly lifetimeMs: number = LIMITS.ticketLifetimeMs,
  ) {}

  issue(participant: string, document: string): string {
    this.sweep()
    const ticket = randomBytes(24).toString('base64url')
    this.tickets.set(ticket, { participant, document, expiresAt: this.now() + this.lifetimeMs })
    return ticket
  }

  /** The participant the ticket was issued to, if it is valid for this document; the ticket is used up. */
  redeem(ticket: string, document: string): string | undefined {
    const entry = this.tickets.get(ticket)
    this.tickets.delete(ticket)
    if (!entry || entry.document !== document || entry.expiresAt <= this.now()) return undefined
    return entry.participant
  }

  private sweep(): void {
    const now = this.now()
    for (const [ticket, entry] of this.tickets) if (entry.expiresAt <= now) this.tickets.delete(ticket)
  }
}
