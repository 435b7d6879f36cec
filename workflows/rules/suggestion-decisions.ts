/**
 * @module Who may decide a suggestion: the chair accepts or rejects any; a delegation withdraws its own
 * (a withdrawal is a rejection by the proposer). Both only while the text is open (draft, negotiation).
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from './rulebook.js'
import type { Decision } from './stage-changes.js'

export type SuggestionAction = 'accept' | 'reject' | 'withdraw'

export function tryDecideSuggestion(
  caller: { role: Role; delegation: string },
  stage: Stage,
  suggestion: { delegation: string },
  action: SuggestionAction,
): Decision {
  if (action === 'withdraw') {
    if (!may(caller.role, 'withdraw own suggestion', stage)) {
      return { ok: false, code: 'forbidden', refused: `Suggestions cannot be withdrawn in ${stage}.` }
    }
    if (suggestion.delegation !== caller.delegation) {
      return {
        ok: false,
        code: 'forbidden',
        refused: "A delegation withdraws only its own suggestions; the chair decides the others'.",
      }
    }
    return { ok: true }
  }
  if (!may(caller.role, 'accept or reject suggestions', stage)) {
    return {
      ok: false,
      code: 'forbidden',
      refused: 'Only the chair accepts or rejects suggestions, while the text is open.',
    }
  }
  return { ok: true }
}

/** How long the chair's last decision on suggestions can be undone. */
export const UNDO_WINDOW_MS = 5 * 60_000

/** The chair's last decision on suggestions, as the server records it in the workflow (`lastDecision`). */
export interface LastDecision {
  action: 'accept' | 'reject'
  suggestions: { id: string; delegation: string; participant: string }[]
  by: string
  at: string
}

export function tryUndoDecision(
  role: Role,
  stage: Stage,
  last: LastDecision | undefined,
  now: number,
): Decision {
  if (!may(role, 'accept or reject suggestions', stage)) {
    return {
      ok: false,
      code: 'forbidden',
      refused: 'Only the chair undoes a decision on suggestions, while the text is open.',
    }
  }
  if (!last) return { ok: false, code: 'conflict', refused: 'There is no decision to undo.' }
  if (now - Date.parse(last.at) > UNDO_WINDOW_MS) {
    return {
      ok: false,
      code: 'conflict',
      refused: `A decision can be undone for ${UNDO_WINDOW_MS / 60_000} minutes; this one is older.`,
    }
  }
  return { ok: true }
}
