/**
 * @module The pending suggestions of a text: every insertion or deletion mark, grouped by suggestion id, with
 * who proposed it, when, where, and the words concerned. Several delegations' suggestions on the same words
 * are separate entries, each decided on its own.
 */
import type { SuggestionKind } from '../rules/suggestions.js'
import { suggestionMarksOf, type ParagraphRuns } from './runs.js'

export interface PendingSuggestion {
  id: string
  kind: SuggestionKind
  delegation: string
  participant: string
  at: string
  /** The blocks (paragraph ids) it touches, in document order. */
  blocks: string[]
  /** The words inserted or proposed for deletion. */
  text: string
  /** True when the suggestion is about a whole paragraph (a new paragraph, or deleting one). */
  paragraph?: boolean
  /**
   * A split (the end of a paragraph proposed for deletion there and as a new paragraph) or a join (a paragraph
   * proposed for deletion and its words as an insertion at the end of the previous one): one suggestion.
   */
  operation?: 'split' | 'join'
}

/**
 * One suggestion: an id with its owner. (The server refuses an id used by another; a document from before that
 * rule may hold one id under two owners — then they are two suggestions, decided apart.)
 */
export function suggestionKey(s: { id: string; delegation: string; participant: string }): string {
  return `${s.id}\u0000${s.delegation}\u0000${s.participant}`
}

export function pendingSuggestions(blocks: readonly ParagraphRuns[]): PendingSuggestion[] {
  const byId = new Map<string, PendingSuggestion>()
  for (const { block, runs, proposal } of blocks) {
    if (proposal) {
      const existing = byId.get(suggestionKey(proposal))
      const operation = proposal.operation ? { operation: proposal.operation } : {}
      if (existing) {
        Object.assign(existing, { paragraph: true }, operation)
        if (existing.blocks.at(-1) !== block) existing.blocks.push(block)
      } else {
        const { id, kind, delegation, participant, at } = proposal
        // A deletion proposal concerns all the paragraph's words; an inserted one collects its words below.
        const text = kind === 'deletion' && !proposal.operation ? runs.map((r) => r.text).join('') : ''
        byId.set(suggestionKey(proposal), {
          id,
          kind,
          delegation,
          participant,
          at,
          blocks: [block],
          text,
          paragraph: true,
          ...operation,
        })
      }
    }
    for (const run of runs) {
      for (const mark of suggestionMarksOf(run)) {
        let entry = byId.get(suggestionKey(mark))
        if (!entry) {
          entry = {
            id: mark.id,
            kind: mark.kind,
            delegation: mark.delegation,
            participant: mark.participant,
            at: mark.at,
            blocks: [],
            text: '',
          }
          byId.set(suggestionKey(mark), entry)
        }
        if (entry.blocks.at(-1) !== block) entry.blocks.push(block)
        // A split or join shows its words once: those of the kind that opened the entry. An inert deletion does
        // not concern the other delegation's words it lies over.
        if (mark.kind === entry.kind && !mark.inert) entry.text += run.text
      }
    }
  }
  return [...byId.values()]
}

/** How many pending suggestions each delegation has. */
export function countByDelegation(suggestions: readonly { delegation: string }[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const s of suggestions) counts[s.delegation] = (counts[s.delegation] ?? 0) + 1
  return counts
}
