/**
 * @module The lifecycle of a declaration (DESIGN.md §3) — which stage changes the chair may make, and the
 * guards on them. Expected refusals are values, not exceptions (CONVENTIONS.md §4):
 *
 *   draft ⇄ negotiation → consensus call → adopted → signed
 *                               └── back to negotiation (reopening voids the positions given)
 *
 * Entering the consensus call freezes the text, so it needs no pending suggestion, no open bracket, and no
 * open thread unless the chair defers it (each deferral is recorded). Adoption needs consensus: no delegation
 * pending and no objection. Closing the signing makes the text signed.
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from './rulebook.js'

export type Decision = { ok: true } | { ok: false; refused: string; code: 'forbidden' | 'conflict' }

/** What the guards look at: counted by whoever holds the document. */
export interface TextFacts {
  pendingSuggestions: number
  openBrackets: number
  /** Open threads the chair has not deferred. */
  openThreads: number
  /** For adoption: delegations still pending on the current text, and objections. */
  pendingPositions?: number
  objections?: number
}

const ALLOWED_MOVES: ReadonlyArray<readonly [Stage, Stage]> = [
  ['draft', 'negotiation'],
  ['negotiation', 'draft'],
  ['negotiation', 'consensus-call'],
  ['consensus-call', 'negotiation'],
  ['consensus-call', 'adopted'],
  ['adopted', 'signed'],
]

/** The stages the text can move to from `from` (guards aside). */
export function nextStages(from: Stage): Stage[] {
  return ALLOWED_MOVES.filter(([a]) => a === from).map(([, b]) => b)
}

/** The guards a move must pass, each with how many items block it. */
export function guardsFor(to: Stage, facts: TextFacts): { guard: string; blocking: number }[] {
  if (to === 'adopted') {
    return [
      { guard: 'delegations pending', blocking: facts.pendingPositions ?? 0 },
      { guard: 'objections', blocking: facts.objections ?? 0 },
    ]
  }
  if (to !== 'consensus-call') return []
  return [
    { guard: 'pending suggestions', blocking: facts.pendingSuggestions },
    { guard: 'open brackets', blocking: facts.openBrackets },
    { guard: 'open threads not deferred', blocking: facts.openThreads },
  ]
}

export function tryChangeStage(role: Role, from: Stage, to: Stage, facts?: TextFacts): Decision {
  if (!may(role, 'change stage', from)) {
    return {
      ok: false,
      code: 'forbidden',
      refused: 'Only the chair moves the text from one stage to another.',
    }
  }
  if (from === to) return { ok: false, code: 'conflict', refused: `The text is already in ${to}.` }
  if (!ALLOWED_MOVES.some(([a, b]) => a === from && b === to)) {
    return { ok: false, code: 'conflict', refused: `The text cannot move from ${from} to ${to}.` }
  }
  const failing = guardsFor(to, facts ?? { pendingSuggestions: 0, openBrackets: 0, openThreads: 0 }).filter(
    (g) => g.blocking > 0,
  )
  if (failing.length > 0) {
    const list = failing.map((g) => `${g.blocking} ${g.guard}`).join(', ')
    const refused =
      to === 'adopted'
        ? `Adoption needs consensus: ${list}.`
        : `The consensus call needs a settled text: ${list}.`
    return { ok: false, code: 'conflict', refused }
  }
  return { ok: true }
}

/**
 * Moving from the consensus call back to negotiation reopens the text: the positions given are void (kept in
 * the history) and the silence procedure of that call ends.
 */
export function reopensNegotiation(from: Stage, to: Stage): boolean {
  return from === 'consensus-call' && to === 'negotiation'
}

/**
 * What a move does to the paragraph numbers (workflows/document/numbering.ts): numbers stay put through a
 * negotiation; the text it starts from, and the text proposed for adoption, are numbered afresh; back in draft
 * the text is numbered as it stands (no basis kept).
 */
export function numberingOnMove(from: Stage, to: Stage): 'renumber' | 'clear' | 'keep' {
  if ((to === 'negotiation' && from === 'draft') || to === 'consensus-call') return 'renumber'
  if (to === 'draft') return 'clear'
  return 'keep'
}
