/**
 * @module Paragraph numbers are computed, never stored: preambular paragraphs are PP1, PP2 …, operative
 * paragraphs OP1, OP2 …, each series counted on its own, in document order.
 */
import type { ParagraphKind } from './format.js'

const PREFIX: Record<ParagraphKind, string> = { preambular: 'PP', operative: 'OP' }

/** The label of each paragraph, given the kinds of all paragraphs in document order. */
export function numberParagraphs(kinds: readonly ParagraphKind[]): string[] {
  const counters: Record<ParagraphKind, number> = { preambular: 0, operative: 0 }
  return kinds.map((kind) => {
    counters[kind] += 1
    return `${PREFIX[kind]}${counters[kind]}`
  })
}
