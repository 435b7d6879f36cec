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
