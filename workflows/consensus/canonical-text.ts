/**
 * @module The canonical text of a declaration and its SHA-256 — what positions, the adopted text and signatures
 * are bound to. The rules, so that anyone can recompute the hash (docs/canonical-text.md says the same):
 *
 * 1. The agreed words only: pending insertions (words or whole paragraphs) are left out, words and paragraphs
 *    pending deletion are kept. Brackets are written `[words]`, alternatives `[Alt 2: words]`.
 * 2. Unicode NFC; every run of white space (Unicode `\s`) becomes one space; lines are trimmed.
 * 3. One line per title (in document order), then one empty line, then one line per paragraph:
 *    its number as shown (`workflows/document/numbering.ts`: OP3bis during a negotiation; the text put to the
 *    consensus call and the adopted text are numbered afresh), one space, its words (`OP3 Welcome the wish …`).
 * 4. Lines end with LF (`\n`), including the last. Encoded as UTF-8; the hash is SHA-256, lower-case hex.
 */
import { digest } from 'lib0/hash/sha256'
import { isBracketKey } from '../brackets/brackets.js'
import type { ParagraphKind } from '../document/format.js'
import { numberParagraphs, type NumberBasis } from '../document/numbering.js'
import { suggestionKindOf } from '../rules/suggestions.js'
import type { Run } from '../suggestions/runs.js'

export interface CanonicalBlock {
  /** A paragraph's id, by which the number basis knows it. */
  id?: string
  type: 'title' | 'paragraph'
  kind?: ParagraphKind
  /** A pending proposal on the whole paragraph. */
  proposal?: 'insertion' | 'deletion'
  runs: Run[]
}

function words(runs: readonly Run[]): string {
  let out = ''
  let open: { id: string; alt: number } | null = null
  for (const run of runs) {
    const kinds = Object.keys(run.marks).map(suggestionKindOf)
    if (kinds.includes('insertion')) continue
    const bracket = Object.entries(run.marks).find(([key]) => isBracketKey(key))?.[1] as
      { id: string; alt: number } | undefined
    if (open && (!bracket || bracket.id !== open.id || bracket.alt !== open.alt)) {
      out += ']'
      open = null
    }
    if (bracket && !open) {
      out += bracket.alt > 1 ? ` [Alt ${bracket.alt}: ` : '['
      open = { id: bracket.id, alt: bracket.alt }
    }
    out += run.text
  }
  if (open) out += ']'
  return out
}

export function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

export function canonicalText(blocks: readonly CanonicalBlock[], basis?: NumberBasis): string {
  const titles = blocks.filter((b) => b.type === 'title').map((b) => normalise(words(b.runs)))
  const paragraphs = blocks.filter((b) => b.type === 'paragraph' && b.proposal !== 'insertion')
  const numbers = numberParagraphs(
    paragraphs.map((p) => ({ ...(p.id === undefined ? {} : { id: p.id }), kind: p.kind ?? 'operative' })),
    basis,
  )
  const lines = [...titles, '', ...paragraphs.map((p, i) => `${numbers[i]} ${normalise(words(p.runs))}`)]
  return `${lines.join('\n')}\n`
}

export function sha256Hex(text: string): string {
  return Array.from(digest(new TextEncoder().encode(text)), (b) => b.toString(16).padStart(2, '0')).join('')
}

export function canonicalHash(blocks: readonly CanonicalBlock[], basis?: NumberBasis): string {
  return sha256Hex(canonicalText(blocks, basis))
}
