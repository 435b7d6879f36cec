/**
 * @module Importing a roster file into one conference, and the roster as it stands: what the command line and the
 * secretariat's API share. A preview writes nothing; an import writes everything or nothing — any row that cannot
 * be used refuses the whole file, so a secretariat never has half a roster.
 */
import { planRoster, type RosterPlan } from '../../workflows/conference/roster-plan.js'
import { readRoster } from '../../workflows/conference/roster.js'
import { hashSecret, invitationToken } from '../auth/invitations.js'
import type { ConferenceRecord, DelegationRecord, ParticipantRecord, Storage } from '../storage/storage.js'
import { readRosterFile, type RosterLine } from './roster-file.js'

export interface RosterPreview extends RosterPlan {
  /** Participants the file lists (rows with something in them, after the header). */
  rows: number
}

/** What importing `bytes` would do. Throws UnreadableRoster for a file that cannot be read at all. */
export async function previewRoster(
  storage: Storage,
  conference: ConferenceRecord,
  bytes: Uint8Array,
): Promise<RosterPreview> {
  const read = readRoster(await readRosterFile(bytes))
  const [delegations, everyone] = await Promise.all([
    storage.listDelegations(conference.id),
    storage.listParticipants(conference.id, true),
  ])
  const plan = planRoster(
    { delegations, participants: currentParticipants(everyone) },
    read.rows,
    conference.idPrefix ?? '',
    everyone.map((p) => p.id),
  )
  const problems = [...read.problems, ...plan.problems].sort((a, b) => (a.rows[0] ?? 0) - (b.rows[0] ?? 0))
  return { ...plan, problems, rows: read.rows.length + new Set(read.problems.flatMap((p) => p.rows)).size }
}

/** The participants taking part, as the roster plan reads them. */
export function currentParticipants(everyone: readonly ParticipantRecord[]) {
  return everyone
    .filter((p) => !p.removedAt)
    .map((p) => ({ ...p, function: p.function ?? '', email: p.email ?? '' }))
}

/** Imports `bytes` if every row can be used; returns what was done, or (with problems) what stopped it. */
export async function importRoster(
  storage: Storage,
  secret: Buffer,
  conference: ConferenceRecord,
  bytes: Uint8Array,
): Promise<RosterPreview> {
  const preview = await previewRoster(storage, conference, bytes)
  if (preview.problems.length > 0) return preview
  await storage.applyRoster(conference.id, {
    createDelegations: preview.createDelegations.map((d) => ({ ...d, conference: conference.id })),
    updateDelegations: preview.updateDelegations.map((d) => ({ ...d, conference: conference.id })),
    createParticipants: preview.createParticipants.map((p) => ({
      ...p,
      conference: conference.id,
      tokenHash: hashSecret(invitationToken(secret, p.id)),
      invitationGeneration: 0,
    })),
    updateParticipants: preview.updateParticipants.map((p) => ({
      ...p,
      conference: conference.id,
      tokenHash: '',
    })),
  })
  return preview
}

/** A participant as the roster file lists them. */
export function rosterLineOf(
  participant: ParticipantRecord,
  delegation: Pick<DelegationRecord, 'name' | 'country'> | undefined,
): RosterLine {
  return {
    delegation: delegation?.name ?? participant.delegation,
    country: delegation?.country ?? '',
    name: participant.name,
    function: participant.function ?? '',
    role: participant.role,
    email: participant.email ?? '',
  }
}

/** The conference's roster as the file lists it, in the conference's order. */
export async function rosterLines(storage: Storage, conference: string): Promise<RosterLine[]> {
  const [delegations, participants] = await Promise.all([
    storage.listDelegations(conference),
    storage.listParticipants(conference),
  ])
  const byId = new Map(delegations.map((d) => [d.id, d]))
  const order = new Map(delegations.map((d, i) => [d.id, i]))
  return [...participants]
    .sort((a, b) => (order.get(a.delegation) ?? 0) - (order.get(b.delegation) ?? 0))
    .map((p) => rosterLineOf(p, byId.get(p.delegation)))
}
