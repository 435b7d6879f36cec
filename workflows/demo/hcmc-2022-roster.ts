/**
 * @module The demo conference's roster: delegations with their colours and the participants who get an
 * invitation (chair, secretariat, one head and one drafter per partner delegation, the observers).
 */
import type { Delegation, Participant } from '../conference/conference.js'
import { delegationColour } from '../presentation/colours.js'
import { slug } from '../conference/admission.js'
import { HCMC_2022, HCMC_2022_OBSERVERS, HCMC_2022_PARTNERS } from './hcmc-2022-conference.js'

export interface Roster {
  delegations: Delegation[]
  participants: Participant[]
}

export function hcmc2022Roster(): Roster {
  const delegations: Delegation[] = []
  const participants: Participant[] = []
  const add = (delegation: Omit<Delegation, 'colour'>) => {
    const full = { ...delegation, colour: delegationColour(delegations.length) }
    delegations.push(full)
    return full
  }

  const secretariat = add({ id: 'secretariat', name: 'Secretariat', country: '', kind: 'secretariat' })
  participants.push({
    id: 'secretariat-officer',
    delegation: secretariat.id,
    name: 'Conference Officer',
    role: 'secretariat',
  })

  const host = add({
    id: slug(HCMC_2022.host.locality),
    name: HCMC_2022.host.locality,
    country: HCMC_2022.host.country,
    kind: 'member',
  })
  participants.push({
    id: `${host.id}-chair`,
    delegation: host.id,
    name: HCMC_2022.chairTitle,
    role: 'chair',
  })
  participants.push({ id: `${host.id}-drafter`, delegation: host.id, name: 'Drafter', role: 'drafter' })

  for (const partner of HCMC_2022_PARTNERS) {
    const delegation = add({
      id: slug(partner.locality),
      name: partner.locality,
      country: partner.country,
      kind: 'member',
    })
    participants.push({
      id: `${delegation.id}-head`,
      delegation: delegation.id,
      name: 'Head of delegation',
      role: 'head',
    })
    participants.push({
      id: `${delegation.id}-drafter`,
      delegation: delegation.id,
      name: 'Drafter',
      role: 'drafter',
    })
  }

  for (const observer of HCMC_2022_OBSERVERS) {
    const delegation = add({ id: slug(observer), name: observer, country: '', kind: 'observer' })
    participants.push({
      id: `${delegation.id}-observer`,
      delegation: delegation.id,
      name: 'Observer',
      role: 'observer',
    })
  }
  return { delegations, participants }
}
