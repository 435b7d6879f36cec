/** @module Issuing WebSocket tickets, for a declaration or a delegation's notes, within the caller's budgets. */
import type { Services } from '../context.js'
import { tooManyRequests } from '../errors.js'

/**
 * A WebSocket ticket, within the participant's budgets: tickets taken, and updates refused (a participant whose
 * updates keep being refused waits before it may connect again). The budgets are settled before the document is
 * looked up (`documentOf`), so that a refused request costs as little as possible.
 */
export async function issueTicket(
  services: Services,
  participant: string,
  documentOf: () => Promise<string>,
): Promise<string> {
  const now = services.now()
  const { refusedUpdates, tickets } = services.budgets
  const refused = refusedUpdates.retryAfterMs(participant, now)
  if (refused > 0) throw tooManyRequests('Too many of your changes were refused', refused)
  const taken = tickets.retryAfterMs(participant, now)
  if (taken > 0) throw tooManyRequests('Too many connections opened', taken)
  const document = await documentOf()
  tickets.spend(participant, now)
  return services.tickets.issue(participant, document)
}
