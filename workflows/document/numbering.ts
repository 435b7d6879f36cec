/**
 * @module Paragraph numbers are computed, never stored: preambular paragraphs are PP1, PP2 …, operative
 * paragraphs OP1, OP2 …, each series counted on its own, in document order. A paragraph proposed during the
 * negotiation (not yet accepted) is numbered as negotiators do, after the paragraph it follows: OP3bis,
 * OP3ter … — the agreed paragraphs keep their numbers until final numbers are given at adoption.
 */
import type { ParagraphKind } from './format.js'

const PREFIX: Record<ParagraphKind, string> = { preambular: 'PP', operative: 'OP' }
const LATIN = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies']

export interface NumberedParagraph {
  kind: ParagraphKind
  /** A pending proposal to insert this paragraph. */
  proposed?: boolean
}

function latin(n: number): string {
  return LATIN[n - 1] ?? `-${n + 1}`
}

/** The label of each paragraph, in document order. */
export function numberParagraphs(paragraphs: readonly (ParagraphKind | NumberedParagraph)[]): string[] {
  const counters: Record<ParagraphKind, number> = { preambular: 0, operative: 0 }
  const inserted: Record<ParagraphKind, number> = { preambular: 0, operative: 0 }
  return paragraphs.map((entry) => {
    const { kind, proposed } = typeof entry === 'string' ? { kind: entry, proposed: false } : entry
    if (proposed) {
      inserted[kind] += 1
      return `${PREFIX[kind]}${counters[kind]}${latin(inserted[kind])}`
    }
    counters[kind] += 1
    inserted[kind] = 0
    return `${PREFIX[kind]}${counters[kind]}`
  })
}
