import { describe, expect, it } from 'vitest'
import {
  contrastOnWhite,
  contrastRatio,
  DELEGATION_PALETTE,
  delegationColour,
  hexToRgb,
  MIN_CONTRAST_ON_WHITE,
  tintOnWhite,
} from '../../workflows/presentation/colours.js'
import { deltaE2000, rgbToLab } from '../../workflows/presentation/colour-difference.js'
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

  const lab = (i: number) => rgbToLab(hexToRgb(delegationColour(i)))
  const closest = (n: number) => {
    let min = Infinity
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) min = Math.min(min, deltaE2000(lab(i), lab(j)))
    return min
  }

  it('keep any two delegations apart by CIEDE2000: ≥ 19 among 10, ≥ 15 among 18, ≥ 10 among 42', () => {
    expect(closest(10)).toBeGreaterThanOrEqual(19)
    expect(closest(18)).toBeGreaterThanOrEqual(15)
    expect(closest(42)).toBeGreaterThanOrEqual(10)
  })

  it('keep every mark readable on its own tint (4.5:1) and unlike the body text', () => {
    const text = rgbToLab(hexToRgb('#1d232b'))
    for (let i = 0; i < DELEGATION_PALETTE.length; i++) {
      const rgb = hexToRgb(delegationColour(i))
      expect(contrastRatio(rgb, tintOnWhite(rgb))).toBeGreaterThanOrEqual(4.5)
      expect(deltaE2000(rgbToLab(rgb), text)).toBeGreaterThanOrEqual(25)
    }
  })
})

describe('CIEDE2000', () => {
  // Sharma, Wu and Dalal (2005), the reference pairs of the CIEDE2000 test data.
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 2.8361, -74.02], [50, 0, -82.7485], 3.4412],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
  ] as const)('%j to %j is %d', (a, b, expected) => {
    expect(deltaE2000(a, b)).toBeCloseTo(expected, 4)
  })

  it('reads sRGB white and black as L* 100 and 0', () => {
    expect(rgbToLab([255, 255, 255])[0]).toBeCloseTo(100, 2)
    expect(rgbToLab([0, 0, 0])[0]).toBeCloseTo(0, 5)
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
