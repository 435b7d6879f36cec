/**
 * @module The compilation of proposals (issue 19), the working document of intergovernmental practice: for each
 * paragraph, its words as they stand and every pending proposal on it — words to add or delete, a new paragraph or
 * one to delete, bracketed alternatives — with proponent, supporters and time; proposals that compete for the same
 * words are flagged as conflicts. Pure: the server builds it from the document's runs, the page draws it, and the
 * Word and PDF exports print it as a table (paragraph | text | proposals).
 */
import { bracketsOn } from '../brackets/brackets.js'
import type { SuggestionKind } from '../rules/suggestions.js'
import { suggestionMarksOf, type ParagraphRuns } from '../suggestions/runs.js'
import { supportersOf, type Support } from './support.js'

export interface CompiledProposal {
  id: string
  kind: SuggestionKind
  delegation: string
  participant: string
  at: string
  /** The words proposed for insertion or deletion (all of them, for a whole paragraph). */
  text: string
  /** A proposal about the whole paragraph: a new one, or deleting it. */
  paragraph?: true
  supporters: string[]
  /** Other delegations' proposals here that compete for the same words (ids). */
  conflicts: string[]
}

export interface CompiledAlternative {
  bracket: string
  alt: number
  text: string
  delegation: string
  backers: string[]
}

export interface CompiledParagraph {
  block: string
  number: string
  /** The paragraph's words as they stand: proposed insertions left out, words proposed for deletion kept. */
  text: string
  proposals: CompiledProposal[]
  alternatives: CompiledAlternative[]
}

/** Where a proposal lies in the paragraph's standing words: [start, end), an insertion at a point (start = end). */
interface Span {
  start: number
  end: number
}

function overlaps(a: Span, b: Span): boolean {
  // Two insertions at one point, an insertion inside or at the edge of deleted words, deletions sharing words.
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end
  return a.start < b.end && b.start < a.end
}

/** One paragraph of the compilation. */
export function compileParagraph(
  paragraph: ParagraphRuns,
  number: string,
  support: Support,
): CompiledParagraph {
  let text = ''
  const proposals = new Map<string, CompiledProposal & { span: Span }>()
  const alternatives = new Map<string, CompiledAlternative>()
  if (paragraph.proposal) {
    const { id, kind, delegation, participant, at } = paragraph.proposal
    proposals.set(id, {
      id,
      kind,
      delegation,
      participant,
      at,
      text: '',
      paragraph: true,
      supporters: supportersOf(support, id),
      conflicts: [],
      span: { start: 0, end: Number.MAX_SAFE_INTEGER },
    })
  }
  for (const run of paragraph.runs) {
    const marks = suggestionMarksOf(run).filter((m) => !m.inert)
    const inserted = marks.some((m) => m.kind === 'insertion')
    const at = text.length
    for (const mark of marks) {
      const entry =
        proposals.get(mark.id) ??
        ({
          id: mark.id,
          kind: mark.kind,
          delegation: mark.delegation,
          participant: mark.participant,
          at: mark.at,
          text: '',
          supporters: supportersOf(support, mark.id),
          conflicts: [],
          span: { start: at, end: at },
        } satisfies CompiledProposal & { span: Span })
      proposals.set(mark.id, entry)
      if (mark.kind !== entry.kind) continue
      entry.text += run.text
      // Words proposed for deletion that are themselves proposed insertions take no room in the standing words.
      if (entry.kind === 'deletion')
        entry.span.end = Math.max(entry.span.end, inserted ? at : at + run.text.length)
    }
    for (const [, bracket] of bracketsOn(run)) {
      const key = `${bracket.id}/${bracket.alt}`
      const alternative = alternatives.get(key) ?? {
        bracket: bracket.id,
        alt: bracket.alt,
        text: '',
        delegation: bracket.delegation,
        backers: bracket.backers,
      }
      alternative.text += run.text
      alternatives.set(key, alternative)
    }
    if (!inserted) text += run.text
  }
  if (paragraph.proposal?.kind === 'deletion') proposals.get(paragraph.proposal.id)!.text = text
  if (paragraph.proposal?.kind === 'insertion') {
    const whole = proposals.get(paragraph.proposal.id)!
    whole.text = paragraph.runs.map((r) => r.text).join('')
  }
  const list = [...proposals.values()]
  for (const a of list)
    for (const b of list)
      if (a !== b && a.delegation !== b.delegation && overlaps(a.span, b.span)) a.conflicts.push(b.id)
  return {
    block: paragraph.block,
    number,
    text,
    proposals: list.map(({ span: _span, ...proposal }) => proposal),
    alternatives: [...alternatives.values()].sort((a, b) =>
      a.bracket === b.bracket ? a.alt - b.alt : a.bracket.localeCompare(b.bracket),
    ),
  }
}

/**
 * The compilation of the whole text (titles left out), or of the paragraphs named in `only`: every paragraph, in
 * order, with what is proposed on it.
 */
export function compilation(
  paragraphs: readonly ParagraphRuns[],
  numberOf: (block: string) => string,
  support: Support,
  only?: ReadonlySet<string>,
): CompiledParagraph[] {
  return paragraphs
    .filter((p) => !p.block.startsWith('title:') && (!only || only.has(p.block)))
    .map((p) => compileParagraph(p, numberOf(p.block), support))
}

/** How many pending proposals the compilation holds, and how many of them conflict with another. */
export function compilationSummary(paragraphs: readonly CompiledParagraph[]): {
  proposals: number
  conflicting: number
} {
  const all = paragraphs.flatMap((p) => p.proposals)
  return { proposals: all.length, conflicting: all.filter((p) => p.conflicts.length > 0).length }
}
