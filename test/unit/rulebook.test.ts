import { describe, expect, it } from 'vitest'
import { ROLES, STAGES, type Role, type Stage } from '../../workflows/conference/roles.js'
import { ACTIONS, bodyAccess, may, type Action } from '../../workflows/rules/rulebook.js'
import { numberingOnMove, reopensNegotiation, tryChangeStage } from '../../workflows/rules/stage-changes.js'
import { reopensOnTextChange, trySetParagraphStatus } from '../../workflows/rules/paragraph-status.js'

/**
 * The whole matrix, written out as the rulebook states it (DESIGN.md §1, §3): for each action, the roles
 * that may take it and the stages in which they may. Every (role, action, stage) triple not listed is refused.
 */
const EXPECTED: Record<Action, [Role[], Stage[]]> = {
  read: [[...ROLES], [...STAGES]],
  export: [[...ROLES], [...STAGES]],
  'edit directly': [['secretariat', 'chair'], ['draft']],
  suggest: [
    ['secretariat', 'chair', 'head', 'drafter'],
    ['draft', 'negotiation'],
  ],
  'withdraw own suggestion': [
    ['secretariat', 'chair', 'head', 'drafter'],
    ['draft', 'negotiation'],
  ],
  'accept or reject suggestions': [['chair'], ['draft', 'negotiation']],
  comment: [
    ['secretariat', 'chair', 'head', 'drafter'],
    ['draft', 'negotiation', 'consensus-call'],
  ],
  'resolve threads': [['chair'], ['draft', 'negotiation', 'consensus-call']],
  'set paragraph status': [['chair'], ['draft', 'negotiation']],
  'clean brackets': [['chair'], ['draft', 'negotiation']],
  'publish revision': [
    ['secretariat', 'chair'],
    ['draft', 'negotiation'],
  ],
  'import draft': [['secretariat'], ['draft']],
  'change stage': [['chair'], [...STAGES]],
  'clear paragraph': [['chair', 'head'], ['negotiation']],
  'record position': [['chair', 'head'], ['consensus-call']],
  'set silence deadline': [['chair'], ['consensus-call']],
  adopt: [['chair'], ['consensus-call']],
  sign: [['chair', 'head'], ['adopted']],
  'close signing': [['chair'], ['adopted']],
  endorse: [['head'], ['adopted', 'signed']],
  'admit delegation': [['secretariat'], [...STAGES]],
  'manage roster': [['secretariat'], [...STAGES]],
  'move the floor': [
    ['secretariat', 'chair'],
    ['draft', 'negotiation', 'consensus-call'],
  ],
  'request the floor': [
    ['head', 'drafter'],
    ['draft', 'negotiation', 'consensus-call'],
  ],
  'give the floor': [
    ['secretariat', 'chair'],
    ['draft', 'negotiation', 'consensus-call'],
  ],
  'type on behalf of the speaker': [['secretariat', 'chair'], ['negotiation']],
  'support a proposal': [
    ['head', 'drafter'],
    ['draft', 'negotiation'],
  ],
}

describe('the rulebook', () => {
  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const stage of STAGES) {
        const [roles, stages] = EXPECTED[action]
        const allowed = roles.includes(role) && stages.includes(stage)
        it(`${allowed ? 'lets' : 'does not let'} a ${role} ${action} in ${stage}`, () => {
          expect(may(role, action, stage)).toBe(allowed)
        })
      }
    }
  }

  it('never lets an observer write anything', () => {
    for (const action of ACTIONS.filter((a) => a !== 'read' && a !== 'export')) {
      for (const stage of STAGES) expect(may('observer', action, stage)).toBe(false)
    }
  })
})

describe('access to the body of the text', () => {
  const table: [Role, Stage, 'edit' | 'suggest' | 'read'][] = [
    ['secretariat', 'draft', 'edit'],
    ['chair', 'draft', 'edit'],
    ['head', 'draft', 'suggest'],
    ['drafter', 'draft', 'suggest'],
    ['observer', 'draft', 'read'],
    ['secretariat', 'negotiation', 'suggest'],
    ['chair', 'negotiation', 'suggest'],
    ['head', 'negotiation', 'suggest'],
    ['drafter', 'negotiation', 'suggest'],
    ['observer', 'negotiation', 'read'],
  ]
  for (const [role, stage, access] of table) {
    it(`is "${access}" for a ${role} in ${stage}`, () => expect(bodyAccess(role, stage)).toBe(access))
  }
  for (const stage of ['consensus-call', 'adopted', 'signed'] as const) {
    it(`is read-only for everyone in ${stage}: the text is frozen`, () => {
      for (const role of ROLES) expect(bodyAccess(role, stage)).toBe('read')
    })
  }
})

describe('stage changes', () => {
  it('reopen negotiation only when moving back from the consensus call', () => {
    expect(reopensNegotiation('consensus-call', 'negotiation')).toBe(true)
    expect(reopensNegotiation('draft', 'negotiation')).toBe(false)
    expect(reopensNegotiation('consensus-call', 'adopted')).toBe(false)
  })

  it('keep paragraph numbers through a negotiation: fresh at its start and at the consensus call, none in draft', () => {
    expect(numberingOnMove('draft', 'negotiation')).toBe('renumber')
    expect(numberingOnMove('negotiation', 'consensus-call')).toBe('renumber')
    expect(numberingOnMove('consensus-call', 'negotiation')).toBe('keep')
    expect(numberingOnMove('consensus-call', 'adopted')).toBe('keep')
    expect(numberingOnMove('adopted', 'signed')).toBe('keep')
    expect(numberingOnMove('negotiation', 'draft')).toBe('clear')
  })

  it('let the chair move the text from draft to negotiation and back', () => {
    expect(tryChangeStage('chair', 'draft', 'negotiation')).toEqual({ ok: true })
    expect(tryChangeStage('chair', 'negotiation', 'draft')).toEqual({ ok: true })
  })

  it('are refused to everyone but the chair', () => {
    for (const role of ['secretariat', 'head', 'drafter', 'observer'] as const) {
      expect(tryChangeStage(role, 'draft', 'negotiation')).toMatchObject({ ok: false, code: 'forbidden' })
    }
  })

  it('refuse moves the lifecycle does not have, and a move to the same stage', () => {
    expect(tryChangeStage('chair', 'draft', 'adopted')).toMatchObject({ ok: false, code: 'conflict' })
    expect(tryChangeStage('chair', 'draft', 'consensus-call')).toMatchObject({ ok: false, code: 'conflict' })
    expect(tryChangeStage('chair', 'draft', 'draft')).toMatchObject({ ok: false, code: 'conflict' })
  })

  it('let the consensus call open only on a settled text, naming each guard and how many items block it', () => {
    const settled = { pendingSuggestions: 0, openBrackets: 0, openThreads: 0 }
    expect(tryChangeStage('chair', 'negotiation', 'consensus-call', settled)).toEqual({ ok: true })
    expect(
      tryChangeStage('chair', 'negotiation', 'consensus-call', {
        pendingSuggestions: 3,
        openBrackets: 1,
        openThreads: 0,
      }),
    ).toEqual({
      ok: false,
      code: 'conflict',
      refused: 'The consensus call needs a settled text: 3 pending suggestions, 1 open brackets.',
    })
    expect(
      tryChangeStage('chair', 'negotiation', 'consensus-call', { ...settled, openThreads: 2 }),
    ).toMatchObject({
      ok: false,
      refused: expect.stringContaining('2 open threads not deferred'),
    })
  })

  it('let the chair adopt only when consensus holds, then close the signing', () => {
    const settled = { pendingSuggestions: 0, openBrackets: 0, openThreads: 0 }
    expect(
      tryChangeStage('chair', 'consensus-call', 'adopted', {
        ...settled,
        pendingPositions: 0,
        objections: 0,
      }),
    ).toEqual({ ok: true })
    expect(
      tryChangeStage('chair', 'consensus-call', 'adopted', {
        ...settled,
        pendingPositions: 2,
        objections: 1,
      }),
    ).toEqual({
      ok: false,
      code: 'conflict',
      refused: 'Adoption needs consensus: 2 delegations pending, 1 objections.',
    })
    expect(tryChangeStage('chair', 'adopted', 'signed')).toEqual({ ok: true })
    expect(tryChangeStage('chair', 'adopted', 'negotiation')).toMatchObject({ ok: false, code: 'conflict' })
    expect(tryChangeStage('chair', 'signed', 'adopted')).toMatchObject({ ok: false, code: 'conflict' })
  })

  it('let the chair reopen negotiation from the consensus call', () => {
    expect(tryChangeStage('chair', 'consensus-call', 'negotiation')).toEqual({ ok: true })
    expect(tryChangeStage('head', 'consensus-call', 'negotiation')).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
  })
})

describe('paragraph status', () => {
  it('is set by the chair while the text is open', () => {
    expect(trySetParagraphStatus('chair', 'negotiation', 'open', 'agreed')).toEqual({ ok: true })
    expect(trySetParagraphStatus('chair', 'draft', 'agreed', 'agreed-ad-ref')).toEqual({ ok: true })
    expect(trySetParagraphStatus('chair', 'consensus-call', 'open', 'agreed')).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    for (const role of ['secretariat', 'head', 'drafter', 'observer'] as const) {
      expect(trySetParagraphStatus(role, 'negotiation', 'open', 'agreed')).toMatchObject({
        ok: false,
        code: 'forbidden',
      })
    }
    expect(trySetParagraphStatus('chair', 'negotiation', 'agreed', 'agreed')).toMatchObject({
      ok: false,
      code: 'conflict',
    })
  })

  it('is reopened by a change of words unless it is open already', () => {
    expect(reopensOnTextChange('agreed')).toBe(true)
    expect(reopensOnTextChange('agreed-ad-ref')).toBe(true)
    expect(reopensOnTextChange('open')).toBe(false)
  })
})
