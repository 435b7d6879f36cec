import { describe, expect, it } from 'vitest'
import {
  clearanceCounts,
  paragraphHash,
  withClearance,
  type Clearances,
} from '../../workflows/consensus/clearances.js'

describe('paragraph clearances', () => {
  const paragraphs = [
    { id: 'op1', text: 'Agree to strengthen friendship;' },
    { id: 'op2', text: 'Resolve to consolidate the foundations;' },
  ]
  let clearances: Clearances = {}
  for (const delegation of ['osaka', 'leipzig', 'minsk']) {
    for (const p of paragraphs)
      clearances = withClearance(clearances, p.id, delegation, paragraphHash(p.text))
  }

  it('counts the delegations that cleared each paragraph', () => {
    expect(clearanceCounts(clearances, paragraphs)).toEqual({ op1: 3, op2: 3 })
  })

  it('clears only the changed paragraph’s marks: the others stand', () => {
    const changed = [{ ...paragraphs[0]!, text: 'Agree to deepen friendship;' }, paragraphs[1]!]
    expect(clearanceCounts(clearances, changed)).toEqual({ op1: 0, op2: 3 })
  })

  it('ignores white-space-only and Unicode-form differences', () => {
    const same = [{ ...paragraphs[0]!, text: '  Agree  to strengthen\tfriendship; ' }, paragraphs[1]!]
    expect(clearanceCounts(clearances, same)).toEqual({ op1: 3, op2: 3 })
  })

  it('lets a delegation withdraw its clearance', () => {
    expect(clearanceCounts(withClearance(clearances, 'op1', 'osaka', null), paragraphs)).toEqual({
      op1: 2,
      op2: 3,
    })
  })
})
