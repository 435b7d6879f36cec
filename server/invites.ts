/**
 * @module The invitation list of a data directory: every participant with the token and link that log
 * them in. Shared by `accord serve` (printed at start) and `accord invites`.
 */
import { invitationToken, invitationUrl } from './auth/invitations.js'
import type { Storage } from './storage/storage.js'

export interface Invitation {
  participant: string
  name: string
  delegation: string
  delegationName: string
  role: string
  token: string
  url: string
}

export async function listInvitations(
  storage: Storage,
  secret: Buffer,
  baseUrl: string,
): Promise<Invitation[]> {
  const invitations: Invitation[] = []
  for (const conference of await storage.listConferences()) {
    const delegations = new Map((await storage.listDelegations(conference.id)).map((d) => [d.id, d]))
    for (const p of await storage.listParticipants(conference.id)) {
      const token = invitationToken(secret, p.id)
      invitations.push({
        participant: p.id,
        name: p.name,
        delegation: p.delegation,
        delegationName: delegations.get(p.delegation)?.name ?? p.delegation,
        role: p.role,
        token,
        url: invitationUrl(baseUrl, token),
      })
    }
  }
  return invitations
}
