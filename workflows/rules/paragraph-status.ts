/**
 * @module Paragraph status: the chair marks each paragraph open, agreed ad referendum or agreed, while the
 * text is open. When an agreed paragraph's text changes (a direct edit, an accepted suggestion), it is open
 * again: agreement was on the words as they were.
 */
import type { Role, Stage } from '../conference/roles.js'
import type { ParagraphStatus } from '../document/format.js'
import { may } from './rulebook.js'
import type { Decision } from './stage-changes.js'

export function trySetParagraphStatus(
  role: Role,
  stage: Stage,
  from: ParagraphStatus,
  to: ParagraphStatus,
): Decision {
  if (!may(role, 'set paragraph status', stage)) {
    return {
      ok: false,
      code: 'forbidden',
      refused: 'Only the chair sets paragraph status, while the text is open.',
    }
  }
  if (from === to) return { ok: false, code: 'conflict', refused: `The paragraph is already ${to}.` }
  return { ok: true }
}

/** Whether a change to the paragraph's text reopens it (anything but open is agreement on the old words). */
export function reopensOnTextChange(status: ParagraphStatus): boolean {
  return status !== 'open'
}
