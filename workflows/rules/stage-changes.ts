/**
 * @module Which stage changes a participant may ask for. For now the chair moves the text between draft and
 * negotiation; the full lifecycle with its guards (consensus call, adoption, signing) comes with the
 * consensus rules. Expected refusals are values, not exceptions (CONVENTIONS.md §4).
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from './rulebook.js'

export type Decision = { ok: true } | { ok: false; refused: string; code: 'forbidden' | 'conflict' }

const ALLOWED_MOVES: ReadonlyArray<readonly [Stage, Stage]> = [
  ['draft', 'negotiation'],
  ['negotiation', 'draft'],
]

export function tryChangeStage(role: Role, from: Stage, to: Stage): Decision {
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
  return { ok: true }
}
