import { describe, expect, it } from 'vitest'
import {
  addSupport,
  pendingOnly,
  supportOf,
  supportersOf,
  withdrawSupport,
  type Support,
  type SupportOutcome,
} from '../../workflows/meeting/support.js'

const AT = '2022-11-25T09:00:00.000Z'
const proposal = { id: 's-1', delegation: 'osaka' }
const support = (outcome: SupportOutcome): Support => {
  if (!outcome.ok) throw new Error(outcome.refused)
  return outcome.support
}

describe('support for a proposal', () => {
  it('lists supporters in the order they came, once each', () => {
    let s = support(addSupport({}, proposal, { delegation: 'leipzig', at: AT }))
    s = support(addSupport(s, proposal, { delegation: 'busan', at: AT }))
    expect(supportersOf(s, 's-1')).toEqual(['leipzig', 'busan'])
    expect(addSupport(s, proposal, { delegation: 'busan', at: AT })).toEqual({
      ok: false,
      refused: 'Your delegation supports this proposal already.',
    })
  })

  it('refuses a delegation supporting its own proposal', () => {
    expect(addSupport({}, proposal, { delegation: 'osaka', at: AT }).ok).toBe(false)
  })

  it('withdraws support, and only support given', () => {
    const s = support(addSupport({}, proposal, { delegation: 'leipzig', at: AT }))
    expect(support(withdrawSupport(s, 's-1', 'leipzig'))).toEqual({})
    expect(withdrawSupport(s, 's-1', 'busan').ok).toBe(false)
    expect(withdrawSupport(s, 's-2', 'leipzig').ok).toBe(false)
  })

  it('keeps support only for proposals still pending', () => {
    let s = support(addSupport({}, proposal, { delegation: 'leipzig', at: AT }))
    s = support(addSupport(s, { id: 's-2', delegation: 'busan' }, { delegation: 'leipzig', at: AT }))
    expect(Object.keys(pendingOnly(s, new Set(['s-2'])))).toEqual(['s-2'])
  })

  it('reads an absent or malformed stored value as no support', () => {
    expect(supportOf(undefined)).toEqual({})
    expect(supportOf([1])).toEqual({})
    expect(supportOf({ 's-1': 'x' })).toEqual({})
  })
})
