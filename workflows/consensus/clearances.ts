/**
 * @module Paragraph clearances during the negotiation: a head marks the paragraphs its delegation can accept,
 * each bound to the hash of that paragraph's agreed words. A change to a paragraph makes only that paragraph's
 * clearances stale — the others stand — so the consensus call starts with most of the text already cleared.
 * Staleness is computed, never written: nothing has to be cleared away when a paragraph changes.
 */
import { normalise, sha256Hex } from './canonical-text.js'

/** paragraph id → delegation id → the paragraph hash it was cleared on. */
export type Clearances = Record<string, Record<string, string>>

export function paragraphHash(text: string): string {
  return sha256Hex(normalise(text))
}

/** How many delegations have cleared each paragraph as its words stand now. */
export function clearanceCounts(
  clearances: Clearances,
  paragraphs: readonly { id: string; text: string }[],
): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { id, text } of paragraphs) {
    const hash = paragraphHash(text)
    counts[id] = Object.values(clearances[id] ?? {}).filter((h) => h === hash).length
  }
  return counts
}

export function withClearance(
  clearances: Clearances,
  paragraph: string,
  delegation: string,
  hash: string | null,
): Clearances {
  const forParagraph = { ...(clearances[paragraph] ?? {}) }
  if (hash === null) delete forParagraph[delegation]
  else forParagraph[delegation] = hash
  return { ...clearances, [paragraph]: forParagraph }
}
