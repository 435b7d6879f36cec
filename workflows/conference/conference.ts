/**
 * @module The shape of a conference as the domain sees it: delegations and their participants.
 * Ids are opaque strings chosen by whoever creates the records (the seed, later the secretariat's API).
 */
import type { Role } from './roles.js'

/** What a delegation is in the room: a member delegation, the secretariat, or an accredited observer. */
export type DelegationKind = 'member' | 'secretariat' | 'observer'

export interface Delegation {
  id: string
  /** How the delegation is named in the room, e.g. "Osaka" or "Secretariat". */
  name: string
  /** Country, for member delegations; empty for the secretariat and observers. */
  country: string
  kind: DelegationKind
  /** Hex colour used for carets, presence and (later) its suggestions; legible on white. */
  colour: string
}

export interface Participant {
  id: string
  delegation: string
  name: string
  role: Role
}

/** A participant as the list of participants shows them to everyone (`GET /api/participants`): no e-mail, no link. */
export interface ListedParticipant extends Participant {
  function: string
  /** Removed by the secretariat since; still named on what they did. */
  removed?: true
}

/** What the server tells a logged-in participant about itself (`GET /api/me`). */
export interface ParticipantView {
  participant: string
  name: string
  delegation: string
  delegationName: string
  role: Role
  /** The room's screen: the page opens as the projector (read-only, large type, follows the floor). */
  screen?: true
}

/** A participant's invitation as the secretariat sees it (`GET /api/invitations`, `accord invites --json`). */
export interface InvitationView {
  participant: string
  name: string
  delegation: string
  delegationName: string
  role: string
  function: string
  email: string
  /** The link that signs the participant in; the token travels in its fragment. */
  url: string
}
