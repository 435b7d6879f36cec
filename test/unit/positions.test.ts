import { describe, expect, it } from 'vitest'
import { consensusGrid, tryRecordPosition, type Position } from '../../workflows/consensus/positions.js'

const position = (delegation: string, kind: Position['kind'], hash = 'h1'): Position => ({
  delegation,
  kind,
  hash,
  participant: `${delegation}-head`,
  at: 't',
})

describe('positions', () => {
  it('are recorded by heads and the chair, during the consensus call only', () => {
    expect(tryRecordPosition('head', 'consensus-call', { kind: 'approve' })).toEqual({ ok: true })
    expect(tryRecordPosition('chair', 'consensus-call', { kind: 'approve' })).toEqual({ ok: true })
    expect(tryRecordPosition('drafter', 'consensus-call', { kind: 'approve' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(tryRecordPosition('head', 'negotiation', { kind: 'approve' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
  })

  it('need a reason to object, and a statement and paragraphs to reserve', () => {
    expect(tryRecordPosition('head', 'consensus-call', { kind: 'object' })).toMatchObject({ ok: false })
    expect(
      tryRecordPosition('head', 'consensus-call', { kind: 'reservation', statement: 'On OP4' }),
    ).toMatchObject({ ok: false })
    expect(
      tryRecordPosition('head', 'consensus-call', {
        kind: 'reservation',
        statement: 'On OP4',
        paragraphs: ['op-economy'],
      }),
    ).toEqual({ ok: true })
  })
})

describe('the consensus grid', () => {
  const delegations = ['a', 'b', 'c']

  it('holds when everyone approved in some form on the current text', () => {
    const grid = consensusGrid(
      delegations,
      [position('a', 'approve'), position('b', 'approve-ad-ref'), position('c', 'reservation')],
      'h1',
    )
    expect(grid.holds).toBe(true)
    expect(grid.counts).toMatchObject({ approve: 1, 'approve-ad-ref': 1, reservation: 1, pending: 0 })
  })

  it('does not hold while a delegation is pending, and an objection breaks it', () => {
    expect(
      consensusGrid(delegations, [position('a', 'approve'), position('b', 'approve')], 'h1'),
    ).toMatchObject({ holds: false, counts: { pending: 1 } })
    const objected = consensusGrid(
      delegations,
      [position('a', 'approve'), position('b', 'object'), position('c', 'approve')],
      'h1',
    )
    expect(objected).toMatchObject({ holds: false, objections: ['b'] })
  })

  it('counts a position given on another text as pending (stale)', () => {
    const grid = consensusGrid(['a'], [position('a', 'approve', 'old')], 'h1')
    expect(grid.rows).toEqual([{ delegation: 'a', position: 'pending', stale: true }])
    expect(grid.holds).toBe(false)
  })

  it('computes for 200 delegations', () => {
    const many = Array.from({ length: 200 }, (_, i) => `d${i}`)
    const grid = consensusGrid(
      many,
      many.map((d) => position(d, 'approve')),
      'h1',
    )
    expect(grid.holds).toBe(true)
  })
})
