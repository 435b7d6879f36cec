/**
 * @module Paragraph numbers, as negotiators cite them. Preambular paragraphs are PP1, PP2 …, operative
 * paragraphs OP1, OP2 …, each series counted on its own. A paragraph added during the negotiation is numbered
 * after the paragraph it follows: OP3bis, OP3ter … (before the first of its series: OP0bis).
 *
 * Numbers do not move during a negotiation. Once the negotiation starts, the server keeps a *number basis*
 * (paragraph id → number, the `numbers` map of the Y.Doc): every paragraph in it keeps its number whatever is
 * added, split, joined or deleted around it, and a number once given is never given to another paragraph.
 * Paragraphs outside the basis (proposed ones, and accepted ones until the server records them) are numbered
 * from the last based paragraph before them with the first suffix not taken. The basis is made anew — numbers
 * 1, 2, 3 … in document order — only when the chair renumbers: on publishing a revision with "renumber", when
 * the text is put to the consensus call and at adoption (the text proposed for adoption bears final numbers).
 * Without a basis (a draft), numbers are counted afresh on every change.
 */
import type { ParagraphKind } from './format.js'

const PREFIX: Record<ParagraphKind, string> = { preambular: 'PP', operative: 'OP' }
const LATIN = ['bis', 'ter', 'quater', 'quinquies', 'sexies', 'septies', 'octies', 'novies', 'decies']

export interface NumberedParagraph {
  /** The paragraph's id, by which the basis knows it. */
  id?: string
  kind: ParagraphKind
  /** A pending proposal to insert this paragraph. */
  proposed?: boolean
}

/** Paragraph id → its number, fixed until the chair renumbers. */
export type NumberBasis = ReadonlyMap<string, string>

const suffix = (n: number): string => (n === 0 ? '' : (LATIN[n - 1] ?? `-${n + 1}`))

const LABEL = /^(PP|OP)(\d+)([a-z]*|-\d+)$/

/** A label split into its series root (`OP6`) and suffix rank (`bis` → 1), or null if not a label. */
export function parseLabel(label: string): { root: string; rank: number } | null {
  const match = LABEL.exec(label)
  if (!match) return null
  const [, prefix, digits, tail] = match as unknown as [string, string, string, string]
  const rank = tail === '' ? 0 : tail.startsWith('-') ? Number(tail.slice(1)) - 1 : LATIN.indexOf(tail) + 1
  return rank < 0 ? null : { root: `${prefix}${digits}`, rank }
}

const entryOf = (entry: ParagraphKind | NumberedParagraph): NumberedParagraph =>
  typeof entry === 'string' ? { kind: entry } : entry

/** The label of each paragraph, in document order. */
export function numberParagraphs(
  paragraphs: readonly (ParagraphKind | NumberedParagraph)[],
  basis: NumberBasis = new Map(),
): string[] {
  return basis.size === 0
    ? countAfresh(paragraphs.map(entryOf))
    : numberFromBasis(paragraphs.map(entryOf), basis)
}

function countAfresh(paragraphs: readonly NumberedParagraph[]): string[] {
  const counters: Record<ParagraphKind, number> = { preambular: 0, operative: 0 }
  const inserted: Record<ParagraphKind, number> = { preambular: 0, operative: 0 }
  return paragraphs.map(({ kind, proposed }) => {
    if (proposed) {
      inserted[kind] += 1
      return `${PREFIX[kind]}${counters[kind]}${suffix(inserted[kind])}`
    }
    counters[kind] += 1
    inserted[kind] = 0
    return `${PREFIX[kind]}${counters[kind]}`
  })
}

function numberFromBasis(paragraphs: readonly NumberedParagraph[], basis: NumberBasis): string[] {
  // Every number the basis ever gave stays taken: a deleted paragraph's number is not reused.
  const taken = new Set(basis.values())
  const given = new Set<string>()
  const after: Record<ParagraphKind, { root: string; rank: number }> = {
    preambular: { root: `${PREFIX.preambular}0`, rank: 0 },
    operative: { root: `${PREFIX.operative}0`, rank: 0 },
  }
  return paragraphs.map(({ id, kind }) => {
    const fixed = id === undefined ? undefined : basis.get(id)
    const parsed = fixed === undefined ? null : parseLabel(fixed)
    // A based paragraph keeps its number, unless its kind changed series (then it is numbered as new).
    if (fixed !== undefined && parsed && parsed.root.startsWith(PREFIX[kind]) && !given.has(fixed)) {
      given.add(fixed)
      after[kind] = parsed
      return fixed
    }
    const { root } = after[kind]
    let rank = after[kind].rank
    let label: string
    do {
      rank += 1
      label = `${root}${suffix(rank)}`
    } while (taken.has(label) || given.has(label))
    given.add(label)
    after[kind] = { root, rank }
    return label
  })
}

/** A new basis: the paragraphs in the text (not those proposed) numbered 1, 2, 3 … in document order. */
export function freshBasis(paragraphs: readonly NumberedParagraph[]): Map<string, string> {
  const kept = paragraphs.filter((p) => !p.proposed && p.id !== undefined)
  const labels = countAfresh(kept)
  return new Map(kept.map((p, i) => [p.id!, labels[i]!]))
}

/**
 * The numbers to add to the basis so that paragraphs now part of the text (an accepted new paragraph, the new
 * half of an accepted split) keep the numbers they are shown with: each such paragraph's current label.
 */
export function numbersToFix(
  paragraphs: readonly NumberedParagraph[],
  basis: NumberBasis,
): Map<string, string> {
  if (basis.size === 0) return new Map()
  const labels = numberFromBasis(paragraphs, basis)
  const fix = new Map<string, string>()
  paragraphs.forEach((p, i) => {
    if (!p.proposed && p.id !== undefined && basis.get(p.id) !== labels[i]) fix.set(p.id, labels[i]!)
  })
  return fix
}
