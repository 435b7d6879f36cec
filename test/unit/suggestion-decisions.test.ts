import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  applyEdits,
  decisionEdits,
  type Decision,
  type DecisionEffect,
} from '../../workflows/suggestions/decisions.js'
import { countByDelegation, pendingSuggestions } from '../../workflows/suggestions/pending.js'
import type { Run } from '../../workflows/suggestions/runs.js'
import {
  tryDecideSuggestion,
  tryUndoDecision,
  UNDO_WINDOW_MS,
  type LastDecision,
} from '../../workflows/rules/suggestion-decisions.js'
import { applyDecisionsToText } from '../../server/document/suggestion-text.js'

const ins = (id: string, delegation: string) => ({
  [`insertion--${id.padEnd(8, 'x')}`]: { id, delegation, participant: `${delegation}-drafter`, at: 't' },
})
const del = (id: string, delegation: string, covers?: string[]) => ({
  [`deletion--${id.padEnd(8, 'x')}`]: {
    id,
    delegation,
    participant: `${delegation}-drafter`,
    at: 't',
    ...(covers ? { covers } : {}),
  },
})
const run = (text: string, marks: Record<string, unknown> = {}): Run => ({ text, marks })
const textOf = (runs: Run[]) => runs.map((r) => r.text).join('')
const decideOnly = (decisions: Record<string, Decision>) => (id: string) => decisions[id]

// "Agree to [Osaka: deepen and ]strengthen [Leipzig deletes: friendship ]cooperation"
const sample: Run[] = [
  run('Agree to '),
  run('deepen and ', ins('o1', 'osaka')),
  run('strengthen '),
  run('friendship ', del('l1', 'leipzig')),
  run('cooperation'),
]

describe('pending suggestions', () => {
  it('lists each suggestion once, with who proposed it and the words concerned', () => {
    const pending = pendingSuggestions([{ block: 'op-1', runs: sample }])
    expect(pending).toEqual([
      {
        id: 'o1',
        kind: 'insertion',
        delegation: 'osaka',
        participant: 'osaka-drafter',
        at: 't',
        blocks: ['op-1'],
        text: 'deepen and ',
      },
      {
        id: 'l1',
        kind: 'deletion',
        delegation: 'leipzig',
        participant: 'leipzig-drafter',
        at: 't',
        blocks: ['op-1'],
        text: 'friendship ',
      },
    ])
    expect(countByDelegation(pending)).toEqual({ osaka: 1, leipzig: 1 })
  })

  it('keeps suggestions of several delegations on the same words apart', () => {
    const overlapping = [
      run('new words', { ...ins('a1', 'osaka'), ...del('b1', 'rotterdam'), ...del('c1', 'minsk') }),
    ]
    expect(
      pendingSuggestions([{ block: 'p', runs: overlapping }]).map((s) => `${s.delegation}:${s.kind}`),
    ).toEqual(['osaka:insertion', 'rotterdam:deletion', 'minsk:deletion'])
  })
})

describe('deciding suggestions', () => {
  it('accepting an insertion keeps the words and lifts the mark', () => {
    const result = applyEdits(sample, decisionEdits(sample, decideOnly({ o1: 'accept' })))
    expect(textOf(result)).toBe('Agree to deepen and strengthen friendship cooperation')
    expect(pendingSuggestions([{ block: 'p', runs: result }]).map((s) => s.id)).toEqual(['l1'])
  })

  it('rejecting an insertion removes the words', () => {
    expect(textOf(applyEdits(sample, decisionEdits(sample, decideOnly({ o1: 'reject' }))))).toBe(
      'Agree to strengthen friendship cooperation',
    )
  })

  it('accepting a deletion removes the words; rejecting it keeps them unmarked', () => {
    expect(textOf(applyEdits(sample, decisionEdits(sample, decideOnly({ l1: 'accept' }))))).toBe(
      'Agree to deepen and strengthen cooperation',
    )
    const kept = applyEdits(sample, decisionEdits(sample, decideOnly({ l1: 'reject' })))
    expect(textOf(kept)).toBe('Agree to deepen and strengthen friendship cooperation')
    expect(pendingSuggestions([{ block: 'p', runs: kept }]).map((s) => s.id)).toEqual(['o1'])
  })

  it('acts on an id with its owner: words another delegation marked with the same id are left alone', () => {
    // A document from before ids were owned may hold one id under two delegations (a hijack): two suggestions.
    const hijacked: Run[] = [
      run('Osaka words ', ins('o1', 'osaka')),
      run('sixty characters of Leipzig text ', del('o1', 'leipzig')),
      run('end'),
    ]
    expect(pendingSuggestions([{ block: 'p', runs: hijacked }]).map((s) => [s.delegation, s.text])).toEqual([
      ['osaka', 'Osaka words '],
      ['leipzig', 'sixty characters of Leipzig text '],
    ])
    const effects: DecisionEffect[] = []
    const edits = decisionEdits(
      hijacked,
      (id, owner) => (id === 'o1' && owner.delegation === 'osaka' ? 'accept' : undefined),
      effects,
    )
    expect(textOf(applyEdits(hijacked, edits))).toBe('Osaka words sixty characters of Leipzig text end')
    expect(effects).toEqual([
      { id: 'o1', delegation: 'osaka', participant: 'osaka-drafter', text: 'Osaka words ', effect: 'kept' },
    ])
  })

  it("takes other delegations' suggestions on removed words with them", () => {
    const overlapping = [
      run('A '),
      run('new', { ...ins('a1', 'osaka'), ...del('b1', 'rotterdam') }),
      run(' text'),
    ]
    const rejected = applyEdits(overlapping, decisionEdits(overlapping, decideOnly({ a1: 'reject' })))
    expect(textOf(rejected)).toBe('A  text')
    expect(pendingSuggestions([{ block: 'p', runs: rejected }])).toEqual([])
  })

  it("lets a deletion cover another delegation's proposed words when it names them (its proposer saw them)", () => {
    const covering = [run('new', { ...ins('a1', 'osaka'), ...del('b1', 'rotterdam', ['a1']) }), run(' text')]
    expect(pendingSuggestions([{ block: 'p', runs: covering }]).map((s) => [s.id, s.text])).toEqual([
      ['a1', 'new'],
      ['b1', 'new'],
    ])
    const accepted = applyEdits(covering, decisionEdits(covering, decideOnly({ a1: 'accept', b1: 'accept' })))
    expect(textOf(accepted)).toBe(' text')
  })

  it("never lets a deletion cover another delegation's proposed words (they met only by concurrency)", () => {
    // Rotterdam marked "old words" for deletion while Osaka typed "new" into them.
    const met = [
      run('old ', del('b1', 'rotterdam')),
      run('new', { ...ins('a1', 'osaka'), ...del('b1', 'rotterdam') }),
      run(' words', del('b1', 'rotterdam')),
    ]
    expect(pendingSuggestions([{ block: 'p', runs: met }]).map((s) => [s.id, s.text])).toEqual([
      ['b1', 'old  words'],
      ['a1', 'new'],
    ])
    const orders = [
      ['a1', 'b1'],
      ['b1', 'a1'],
    ]
    for (const [a1, b1] of [
      ['accept', 'accept'],
      ['accept', 'reject'],
      ['reject', 'accept'],
      ['reject', 'reject'],
    ] as const) {
      const results = orders.map((order) =>
        order.reduce(
          (runs, id) => applyEdits(runs, decisionEdits(runs, decideOnly({ [id]: id === 'a1' ? a1 : b1 }))),
          met,
        ),
      )
      expect(textOf(results[0]!)).toBe(textOf(results[1]!))
      expect(textOf(results[0]!)).toBe(
        (b1 === 'reject' ? 'old ' : '') + (a1 === 'accept' ? 'new' : '') + (b1 === 'reject' ? ' words' : ''),
      )
      expect(pendingSuggestions([{ block: 'p', runs: results[0]! }])).toEqual([])
    }
  })

  it('gives the same text whatever the order in which the decisions are applied (randomised)', () => {
    for (let trial = 0; trial < 50; trial++) {
      const seed = (trial * 2654435761) >>> 0
      const random = mulberry32(seed)
      const base = new Y.Doc()
      const text = base.getText('t')
      text.insert(0, 'The cities agree to cooperate on climate adaptation and on trade.')
      const ids = ['a', 'b', 'c', 'd']
      ids.forEach((id, i) => {
        const at = Math.floor(random() * 50)
        if (i % 2 === 0) text.insert(at, `[${id}]`, ins(id, `d${i}`))
        else text.format(at, 5, del(id, `d${i}`))
      })
      const decisions: Record<string, Decision> = Object.fromEntries(
        ids.map((id) => [id, random() < 0.5 ? 'accept' : 'reject']),
      )
      const replicas = [0, 1].map(() => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
        return doc
      })
      // The server applies decisions one after another; two copies apply the same decisions in opposite orders.
      replicas.forEach((doc, r) => {
        const order = r === 0 ? ids : [...ids].reverse()
        for (const id of order)
          applyDecisionsToText(doc.getText('t'), (x) => (x === id ? decisions[id] : undefined))
      })
      // …and gives exactly what the pure rules compute from the starting text.
      const startRuns = (
        base.getText('t').toDelta() as { insert: string; attributes?: Record<string, unknown> }[]
      ).map((op) => run(op.insert, op.attributes))
      const expected = applyEdits(
        startRuns,
        decisionEdits(startRuns, (id) => decisions[id]),
      )
      expect(textOf(expected)).toBe(replicas[0]!.getText('t').toString())
      // Same words with the same marks (Yjs may keep redundant mark boundaries that split runs: not a difference).
      const runsOfReplica = (doc: Y.Doc) =>
        applyEdits(
          (doc.getText('t').toDelta() as { insert: string; attributes?: Record<string, unknown> }[]).map(
            (op) => run(op.insert, op.attributes),
          ),
          [],
        )
      expect(runsOfReplica(replicas[0]!)).toEqual(runsOfReplica(replicas[1]!))
      expect(runsOfReplica(replicas[0]!)).toEqual(expected)
      expect(
        pendingSuggestions([
          {
            block: 'p',
            runs: (
              replicas[0]!.getText('t').toDelta() as {
                insert: string
                attributes?: Record<string, unknown>
              }[]
            ).map((op) => run(op.insert, op.attributes)),
          },
        ]),
      ).toEqual([])
    }
  })
})

describe('who may decide a suggestion', () => {
  const osakaSuggestion = { delegation: 'osaka' }
  it('lets the chair accept or reject any suggestion while the text is open', () => {
    for (const stage of ['draft', 'negotiation'] as const) {
      expect(
        tryDecideSuggestion({ role: 'chair', delegation: 'hcmc' }, stage, osakaSuggestion, 'accept').ok,
      ).toBe(true)
      expect(
        tryDecideSuggestion({ role: 'chair', delegation: 'hcmc' }, stage, osakaSuggestion, 'reject').ok,
      ).toBe(true)
    }
    expect(
      tryDecideSuggestion({ role: 'chair', delegation: 'hcmc' }, 'consensus-call', osakaSuggestion, 'accept')
        .ok,
    ).toBe(false)
  })
  it('refuses acceptance to everyone else', () => {
    for (const role of ['secretariat', 'head', 'drafter', 'observer'] as const) {
      expect(
        tryDecideSuggestion({ role, delegation: 'osaka' }, 'negotiation', osakaSuggestion, 'accept'),
      ).toMatchObject({ ok: false, code: 'forbidden' })
    }
  })
  it('lets a delegation withdraw its own suggestion, not another’s', () => {
    expect(
      tryDecideSuggestion(
        { role: 'drafter', delegation: 'osaka' },
        'negotiation',
        osakaSuggestion,
        'withdraw',
      ).ok,
    ).toBe(true)
    expect(
      tryDecideSuggestion(
        { role: 'head', delegation: 'leipzig' },
        'negotiation',
        osakaSuggestion,
        'withdraw',
      ),
    ).toMatchObject({ ok: false })
    expect(
      tryDecideSuggestion(
        { role: 'observer', delegation: 'osaka' },
        'negotiation',
        osakaSuggestion,
        'withdraw',
      ),
    ).toMatchObject({ ok: false })
  })
})

function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('undoing the last decision', () => {
  const at = Date.UTC(2022, 11, 5, 3, 0)
  const last: LastDecision = {
    action: 'accept',
    suggestions: [{ id: 's1', delegation: 'osaka', participant: 'osaka-drafter' }],
    by: 'chair',
    at: new Date(at).toISOString(),
  }

  it('lets the chair undo it within five minutes, while the text is open', () => {
    expect(tryUndoDecision('chair', 'negotiation', last, at + UNDO_WINDOW_MS)).toEqual({ ok: true })
    expect(UNDO_WINDOW_MS).toBe(300_000)
  })

  it('refuses it later, without a decision, to anyone else, and once the text is frozen', () => {
    expect(tryUndoDecision('chair', 'negotiation', last, at + UNDO_WINDOW_MS + 1)).toMatchObject({
      ok: false,
      code: 'conflict',
    })
    expect(tryUndoDecision('chair', 'negotiation', undefined, at)).toEqual({
      ok: false,
      code: 'conflict',
      refused: 'There is no decision to undo.',
    })
    for (const role of ['head', 'drafter', 'observer', 'secretariat'] as const)
      expect(tryUndoDecision(role, 'negotiation', last, at)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(tryUndoDecision('chair', 'consensus-call', last, at)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
  })
})
