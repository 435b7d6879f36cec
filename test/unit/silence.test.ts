import { describe, expect, it } from 'vitest'
import { STAGES } from '../../workflows/conference/roles.js'
import {
  objectionEffect,
  silenceRunsIn,
  silenceState,
  trySetSilence,
  type Silence,
} from '../../workflows/consensus/silence.js'
import { describeInHostTime, instantOfLocalTime } from '../../workflows/conference/host-time.js'
import { consensusGrid, type Position } from '../../workflows/consensus/positions.js'
import { tryEndorse, trySign } from '../../workflows/consensus/endorsements.js'

const HCMC = 'Asia/Ho_Chi_Minh'
const deadline = Date.UTC(2022, 8, 20, 11, 0) // 18:00 in Ho Chi Minh City
const silence = (extra: Partial<Silence> = {}): Silence => ({
  deadline: new Date(deadline).toISOString(),
  timeZone: HCMC,
  setBy: 'ho-chi-minh-city-chair',
  setAt: new Date(deadline - 3_600_000).toISOString(),
  ...extra,
})
const position = (delegation: string, kind: Position['kind']): Position => ({
  delegation,
  kind,
  hash: 'h1',
  participant: `${delegation}-head`,
  at: '2022-09-20T10:00:00.000Z',
  ...(kind === 'object' ? { statement: 'No.' } : {}),
})

describe('a deadline stated in the host time zone', () => {
  it('is read as a wall-clock time there', () => {
    expect(instantOfLocalTime('2022-09-20T18:00', HCMC)).toBe(deadline)
    expect(instantOfLocalTime('2022-09-20T18:00:30', HCMC)).toBe(deadline + 30_000)
    expect(instantOfLocalTime('2022-07-01T12:00', 'Europe/Berlin')).toBe(Date.UTC(2022, 6, 1, 10, 0))
    expect(instantOfLocalTime('2022-01-01T05:30', 'Asia/Kolkata')).toBe(Date.UTC(2022, 0, 1, 0, 0))
  })

  it('refuses what is not such a time, or a time a daylight-saving change skips', () => {
    for (const text of [
      '2022-09-20 18:00',
      '2022-02-30T10:00',
      '2022-09-20T24:00',
      '18:00',
      '2022-09-20T18:60',
    ])
      expect(instantOfLocalTime(text, HCMC)).toBeNull()
    expect(instantOfLocalTime('2022-03-27T02:30', 'Europe/Berlin')).toBeNull()
  })

  it('is stated back with the zone and its offset', () => {
    expect(describeInHostTime(deadline, HCMC)).toMatch(
      /^20 September 2022.*18:00 \(Asia\/Ho_Chi_Minh, UTC\+07:00\)$/,
    )
    expect(describeInHostTime(Date.UTC(2022, 0, 1), 'America/St_Johns')).toMatch(/UTC-03:30\)$/)
  })
})

describe('the silence procedure', () => {
  it('runs only in the consensus call', () => {
    expect(STAGES.filter(silenceRunsIn)).toEqual(['consensus-call'])
  })

  it('runs until its deadline, then has passed — judged from the record and the clock alone', () => {
    expect(silenceState(undefined, deadline)).toBe('none')
    expect(silenceState(silence(), deadline - 1)).toBe('running')
    expect(silenceState(silence(), deadline)).toBe('passed')
    expect(silenceState(silence({ broken: { delegation: 'osaka', at: 'x' } }), deadline + 1)).toBe('broken')
  })

  it('lets an objection break it while it runs, and refuses one after it passed', () => {
    expect(objectionEffect('running')).toBe('breaks silence')
    expect(objectionEffect('passed')).toBe('too late')
    expect(objectionEffect('none')).toBe('none')
    expect(objectionEffect('broken')).toBe('none')
  })

  it('is set by the chair only, in the consensus call, in the future, over no objection', () => {
    const facts = { objections: 0, current: 'none' as const }
    expect(trySetSilence('chair', 'consensus-call', deadline, deadline - 1, facts)).toEqual({ ok: true })
    expect(trySetSilence('head', 'consensus-call', deadline, deadline - 1, facts)).toMatchObject({
      code: 'forbidden',
    })
    expect(trySetSilence('chair', 'negotiation', deadline, deadline - 1, facts)).toMatchObject({
      code: 'forbidden',
    })
    expect(trySetSilence('chair', 'consensus-call', deadline, deadline, facts)).toMatchObject({
      refused: 'The deadline must be in the future.',
    })
    expect(
      trySetSilence('chair', 'consensus-call', deadline, deadline - 1, { objections: 2, current: 'broken' }),
    ).toMatchObject({ code: 'conflict', refused: expect.stringMatching(/^2 delegation/) })
    expect(
      trySetSilence('chair', 'consensus-call', deadline + 9, deadline + 1, {
        objections: 0,
        current: 'passed',
      }),
    ).toMatchObject({ code: 'conflict' })
  })

  it('counts pending delegations as raising no objection once passed, so consensus holds', () => {
    const delegations = ['a', 'b', 'c']
    const positions = [position('a', 'approve')]
    expect(consensusGrid(delegations, positions, 'h1', 'running')).toMatchObject({
      holds: false,
      counts: { pending: 2, silent: 0 },
    })
    expect(consensusGrid(delegations, positions, 'h1', 'passed')).toMatchObject({
      holds: true,
      counts: { approve: 1, silent: 2, pending: 0 },
    })
    expect(consensusGrid(delegations, positions, 'h1', 'broken')).toMatchObject({ holds: false })
    const objected = consensusGrid(delegations, [...positions, position('b', 'object')], 'h1', 'broken')
    expect(objected).toMatchObject({ holds: false, objections: ['b'], counts: { pending: 1 } })
  })
})

describe('signatures and endorsements', () => {
  const final = { hash: 'f', adoptedAt: 'x', adoptedBy: 'chair', members: ['osaka', 'bangkok'] }
  it('lets the delegations that adopted the text sign it, once', () => {
    expect(trySign('head', 'adopted', 'osaka', final, new Set())).toEqual({ ok: true })
    expect(trySign('head', 'adopted', 'osaka', final, new Set(['osaka']))).toMatchObject({ code: 'conflict' })
    expect(trySign('head', 'adopted', 'lyon', final, new Set())).toMatchObject({
      refused: expect.stringMatching(/endorses the text instead/),
    })
    expect(trySign('drafter', 'adopted', 'osaka', final, new Set())).toMatchObject({ code: 'forbidden' })
    expect(trySign('head', 'signed', 'osaka', final, new Set())).toMatchObject({ code: 'forbidden' })
  })

  it('lets localities admitted later endorse it, also after signing closed, once', () => {
    expect(tryEndorse('head', 'adopted', 'lyon', final, new Set())).toEqual({ ok: true })
    expect(tryEndorse('head', 'signed', 'lyon', final, new Set())).toEqual({ ok: true })
    expect(tryEndorse('head', 'signed', 'lyon', final, new Set(['lyon']))).toMatchObject({ code: 'conflict' })
    expect(tryEndorse('head', 'signed', 'osaka', final, new Set())).toMatchObject({
      refused: expect.stringMatching(/signs it rather/),
    })
    expect(tryEndorse('head', 'consensus-call', 'lyon', undefined, new Set())).toMatchObject({
      code: 'forbidden',
    })
  })
})
