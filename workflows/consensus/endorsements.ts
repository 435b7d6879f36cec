/**
 * @module Signatures and endorsements of the adopted text. The delegations that were members when the text
 * was adopted sign it (once each, bound to the final hash); localities admitted later endorse it — recorded
 * apart, never as signatures, because they did not take part in adopting it. Endorsement stays open after
 * signing closes.
 */
import type { Role, Stage } from '../conference/roles.js'
import { may } from '../rules/rulebook.js'
import type { Decision } from '../rules/stage-changes.js'

/** What adoption fixed for ever. */
export interface FinalText {
  hash: string
  adoptedAt: string
  adoptedBy: string
  /** The member delegations at adoption: the signatories. */
  members?: string[]
}

export interface Endorsement {
  delegation: string
  delegationName: string
  signatory: string
  participant: string
  at: string
  hash: string
}

function adoptedBy(final: FinalText, delegation: string): boolean {
  return final.members?.includes(delegation) ?? true
}

export function trySign(
  role: Role,
  stage: Stage,
  delegation: string,
  final: FinalText | undefined,
  signed: ReadonlySet<string>,
): Decision {
  if (!may(role, 'sign', stage))
    return { ok: false, code: 'forbidden', refused: "A delegation's head signs the adopted text." }
  if (!final) return { ok: false, code: 'conflict', refused: 'There is no adopted text to sign.' }
  if (!adoptedBy(final, delegation))
    return {
      ok: false,
      code: 'conflict',
      refused:
        'Your delegation joined after the text was adopted: it endorses the text instead of signing it.',
    }
  if (signed.has(delegation))
    return { ok: false, code: 'conflict', refused: 'Your delegation has already signed.' }
  return { ok: true }
}

export function tryEndorse(
  role: Role,
  stage: Stage,
  delegation: string,
  final: FinalText | undefined,
  endorsed: ReadonlySet<string>,
): Decision {
  if (!may(role, 'endorse', stage))
    return {
      ok: false,
      code: 'forbidden',
      refused: "A delegation's head endorses the text, once it has been adopted.",
    }
  if (!final) return { ok: false, code: 'conflict', refused: 'There is no adopted text to endorse.' }
  if (adoptedBy(final, delegation))
    return {
      ok: false,
      code: 'conflict',
      refused: 'Your delegation took part in adopting the text: it signs it rather than endorsing it.',
    }
  if (endorsed.has(delegation))
    return { ok: false, code: 'conflict', refused: 'Your delegation has already endorsed the text.' }
  return { ok: true }
}
