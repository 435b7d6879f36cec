/**
 * @module Invitations: every participant with the token and link that sign them in — listed (printed by `accord
 * serve`, `accord invites`, the secretariat's API), written as a CSV for a mail merge, and reissued when a link is
 * lost or must stop working. Shared by the command line and the API.
 */
import { hashSecret, invitationToken, invitationUrl } from './auth/invitations.js'
import type { InvitationView } from '../workflows/conference/conference.js'
import { csvFile } from './export/csv.js'
import type { Storage } from './storage/storage.js'

export interface Invitation extends InvitationView {
  token: string
}

export async function listInvitations(
  storage: Storage,
  secret: Buffer,
  baseUrl: string,
  /** Only this conference's; every conference's when not given. */
  only?: string,
): Promise<Invitation[]> {
  const invitations: Invitation[] = []
  for (const conference of await storage.listConferences()) {
    if (only && conference.id !== only) continue
    const delegations = new Map((await storage.listDelegations(conference.id)).map((d) => [d.id, d]))
    for (const p of await storage.listParticipants(conference.id)) {
      const token = invitationToken(secret, p.id, p.invitationGeneration)
      invitations.push({
        participant: p.id,
        name: p.name,
        delegation: p.delegation,
        delegationName: delegations.get(p.delegation)?.name ?? p.delegation,
        role: p.role,
        function: p.function ?? '',
        email: p.email ?? '',
        token,
        url: invitationUrl(baseUrl, token),
      })
    }
  }
  return invitations
}

/** The invitations as a CSV for a mail merge (UTF-8 with a BOM, as Excel opens it). */
export function invitationsCsv(invitations: readonly Invitation[]): string {
  return csvFile([
    ['Delegation', 'Participant name', 'Function', 'Role', 'E-mail', 'Participant id', 'Invitation link'],
    ...invitations.map((i) => [i.delegationName, i.name, i.function, i.role, i.email, i.participant, i.url]),
  ])
}

/** Moves a participant to their next invitation; returns the new token and link. */
export async function reissueInvitation(
  storage: Storage,
  secret: Buffer,
  participant: string,
  baseUrl: string,
): Promise<{ token: string; url: string }> {
  const current = await storage.getParticipant(participant)
  if (!current) throw new Error(`no participant ${participant}`)
  const generation = (current.invitationGeneration ?? 0) + 1
  const token = invitationToken(secret, participant, generation)
  await storage.reissueInvitation(participant, generation, hashSecret(token))
  return { token, url: invitationUrl(baseUrl, token) }
}
