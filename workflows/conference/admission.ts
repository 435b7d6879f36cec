/**
 * @module Admitting a delegation: a readable, unique id from its name, its colour after those already taken,
 * and the two participants a member delegation gets an invitation for (its head and a drafter). Used by the
 * demo roster and by the secretariat admitting a locality that joins later.
 */
import { delegationColour } from '../presentation/colours.js'
import type { Delegation, Participant } from './conference.js'

/** A readable, stable id from a name: "Gyeongsangbuk-do Province" → "gyeongsangbuk-do-province". */
export function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/**
 * A new member delegation and its head and drafter, given the delegations the conference has; its id starts with
 * the conference's prefix (empty for the demo's), as every id a conference gives does.
 */
export function admitMember(
  name: string,
  country: string,
  existing: readonly Pick<Delegation, 'id'>[],
  idPrefix = '',
): { delegation: Delegation; participants: Participant[] } {
  const base = `${idPrefix}${slug(name).slice(0, 40) || 'delegation'}`
  const taken = new Set(existing.map((d) => d.id))
  let id = base
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
  const delegation: Delegation = {
    id,
    name,
    country,
    kind: 'member',
    colour: delegationColour(existing.length),
  }
  return {
    delegation,
    participants: [
      { id: `${id}-head`, delegation: id, name: 'Head of delegation', role: 'head' },
      { id: `${id}-drafter`, delegation: id, name: 'Drafter', role: 'drafter' },
    ],
  }
}
