/**
 * @module What importing a roster would do to a conference: the delegations and participants it creates, those it
 * updates, how many rows change nothing, and the rows it cannot use. Importing the same file again changes nothing;
 * a later file adds and updates (it never removes: a participant leaves through the secretariat page). Pure.
 *
 * A row names its participant by e-mail when it has one, else by delegation and name. A delegation's kind follows
 * its roles: the secretariat's participants are all of role secretariat, an observer delegation's all observers,
 * anything else is a member delegation, which needs a head (or the chair, who speaks for the host).
 */
import { delegationColour } from '../presentation/colours.js'
import { slug } from './admission.js'
import type { Delegation, DelegationKind, Participant } from './conference.js'
import type { Role } from './roles.js'
import { sameName, type RosterProblem, type RosterRow } from './roster.js'

/** A participant as the roster describes it. */
export interface RosterParticipant extends Participant {
  function: string
  email: string
}

export interface RosterPlan {
  createDelegations: Delegation[]
  /** Delegations whose country changes. */
  updateDelegations: Delegation[]
  createParticipants: RosterParticipant[]
  /** Participants whose name, function, role or e-mail changes. */
  updateParticipants: RosterParticipant[]
  unchanged: number
  problems: RosterProblem[]
}

export interface CurrentRoster {
  delegations: readonly Delegation[]
  participants: readonly RosterParticipant[]
}

/**
 * Plans the import of `rows` into a conference whose records now are `current`; new ids start with `idPrefix`
 * (unique to the conference, so that ids of two conferences never meet).
 */
export function planRoster(
  current: CurrentRoster,
  rows: readonly RosterRow[],
  idPrefix: string,
  /** Ids no new participant may take besides the current ones' (participants removed earlier keep theirs). */
  takenIds: Iterable<string> = [],
): RosterPlan {
  const problems: RosterProblem[] = []
  const delegationIds = new Set(current.delegations.map((d) => d.id))
  const participantIds = new Set([...current.participants.map((p) => p.id), ...takenIds])
  const freshId = (base: string, taken: Set<string>) => {
    let id = `${idPrefix}${base}`
    for (let n = 2; taken.has(id); n++) id = `${idPrefix}${base}-${n}`
    taken.add(id)
    return id
  }

  // Delegations, by name.
  const delegations = new Map(current.delegations.map((d) => [sameName(d.name), { ...d }]))
  const createDelegations: Delegation[] = []
  const updated = new Set<string>()
  const rowsOf = new Map<string, RosterRow[]>()
  for (const row of rows) {
    const key = sameName(row.delegation)
    rowsOf.set(key, [...(rowsOf.get(key) ?? []), row])
  }
  for (const [key, group] of rowsOf) {
    const existing = delegations.get(key)
    const country = group.find((r) => r.country)?.country ?? ''
    if (!existing) {
      const delegation: Delegation = {
        id: freshId(slug(group[0]!.delegation).slice(0, 40) || 'delegation', delegationIds),
        name: group[0]!.delegation,
        country,
        kind: 'member',
        colour: delegationColour(current.delegations.length + createDelegations.length),
      }
      delegations.set(key, delegation)
      createDelegations.push(delegation)
    } else if (country && country !== existing.country) {
      existing.country = country
      updated.add(existing.id)
    }
  }

  // Participants: matched by e-mail, else by delegation and name.
  const byEmail = new Map(current.participants.filter((p) => p.email).map((p) => [p.email.toLowerCase(), p]))
  const byName = new Map(current.participants.map((p) => [`${p.delegation}\u0000${sameName(p.name)}`, p]))
  const createParticipants: RosterParticipant[] = []
  const updateParticipants: RosterParticipant[] = []
  const after = new Map(current.participants.map((p) => [p.id, p]))
  let unchanged = 0
  for (const row of rows) {
    const delegation = delegations.get(sameName(row.delegation))!
    const known =
      (row.email ? byEmail.get(row.email.toLowerCase()) : undefined) ??
      byName.get(`${delegation.id}\u0000${sameName(row.name)}`)
    if (known && known.delegation !== delegation.id) {
      problems.push({
        rows: [row.row],
        message: `${row.email} is already ${known.name}'s e-mail, in another delegation; a participant cannot move delegation by import.`,
      })
      continue
    }
    const wanted: RosterParticipant = {
      id:
        known?.id ??
        freshId(
          `${delegation.id.slice(idPrefix.length)}-${slug(row.name).slice(0, 40) || 'participant'}`,
          participantIds,
        ),
      delegation: delegation.id,
      name: row.name,
      role: row.role,
      function: row.function,
      email: row.email,
    }
    after.set(wanted.id, wanted)
    if (!known) createParticipants.push(wanted)
    else if (
      known.name !== wanted.name ||
      known.role !== wanted.role ||
      known.function !== wanted.function ||
      known.email !== wanted.email
    )
      updateParticipants.push(wanted)
    else unchanged++
  }

  // Each delegation's kind, from the roles it will have.
  for (const delegation of delegations.values()) {
    const members = [...after.values()].filter((p) => p.delegation === delegation.id)
    const fileRows = (rowsOf.get(sameName(delegation.name)) ?? []).map((r) => r.row)
    if (members.length === 0 || fileRows.length === 0) continue
    const kind = kindOf(members.map((p) => p.role))
    if (typeof kind !== 'string') {
      problems.push({ rows: fileRows, message: `${delegation.name}: ${kind.problem}` })
      continue
    }
    const wasCreated = createDelegations.includes(delegation)
    if (!wasCreated && kind !== delegation.kind) {
      problems.push({
        rows: fileRows,
        message: `${delegation.name} is a ${delegation.kind} delegation; these roles would make it ${kind}.`,
      })
      continue
    }
    delegation.kind = kind
    if (kind === 'member' && !members.some((p) => p.role === 'head' || p.role === 'chair'))
      problems.push({
        rows: fileRows,
        message: `${delegation.name} has no head of delegation (a member delegation needs one to record its positions and sign).`,
      })
  }

  const updateDelegations = current.delegations
    .filter((d) => updated.has(d.id))
    .map((d) => delegations.get(sameName(d.name))!)
  return {
    createDelegations,
    updateDelegations,
    createParticipants,
    updateParticipants,
    unchanged,
    problems,
  }
}

function kindOf(roles: readonly Role[]): DelegationKind | { problem: string } {
  if (roles.every((r) => r === 'secretariat')) return 'secretariat'
  if (roles.every((r) => r === 'observer')) return 'observer'
  if (roles.includes('secretariat'))
    return {
      problem:
        'the secretariat is a delegation of its own: every participant of it has the role secretariat.',
    }
  if (roles.includes('observer'))
    return {
      problem: 'observers form a delegation of their own: every participant of it has the role observer.',
    }
  return 'member'
}
