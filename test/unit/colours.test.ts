import { describe, expect, it } from 'vitest'
import {
  contrastOnWhite,
  delegationColour,
  hexToRgb,
  MIN_CONTRAST_ON_WHITE,
} from '../../workflows/presentation/colours.js'
import { hcmc2022Roster } from '../../workflows/demo/hcmc-2022-roster.js'

describe('delegation colours', () => {
  it('stay legible on white (WCAG 4.5:1) for 200 delegations', () => {
    for (let i = 0; i < 200; i++) {
      expect(contrastOnWhite(hexToRgb(delegationColour(i)))).toBeGreaterThanOrEqual(MIN_CONTRAST_ON_WHITE)
    }
  })

  it('differ between neighbouring delegations', () => {
    const colours = Array.from({ length: 27 }, (_, i) => delegationColour(i))
    expect(new Set(colours).size).toBe(colours.length)
  })
})

describe('the demo roster', () => {
  const roster = hcmc2022Roster()

  it('has the host city (chairing), 24 partner localities, the secretariat and two observers', () => {
    const members = roster.delegations.filter((d) => d.kind === 'member')
    expect(members).toHaveLength(25)
    expect(roster.delegations.filter((d) => d.kind === 'observer')).toHaveLength(2)
    const chair = roster.participants.filter((p) => p.role === 'chair')
    expect(chair).toHaveLength(1)
    expect(chair[0]!.delegation).toBe('ho-chi-minh-city')
  })

  it('invites one head and one drafter per partner delegation', () => {
    for (const delegation of roster.delegations.filter(
      (d) => d.kind === 'member' && d.id !== 'ho-chi-minh-city',
    )) {
      const roles = roster.participants.filter((p) => p.delegation === delegation.id).map((p) => p.role)
      expect(roles.sort()).toEqual(['drafter', 'head'])
    }
  })

  it('gives every participant and delegation a unique id', () => {
    expect(new Set(roster.participants.map((p) => p.id)).size).toBe(roster.participants.length)
    expect(new Set(roster.delegations.map((d) => d.id)).size).toBe(roster.delegations.length)
  })
})
