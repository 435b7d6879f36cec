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
}

export function pendingSuggestions(blocks: readonly ParagraphRuns[]): PendingSuggestion[] {
  const byId = new Map<string, PendingSuggestion>()
  for (const { block, runs, proposal } of blocks) {
    if (proposal && !byId.has(proposal.id)) {
      const { id, kind, delegation, participant, at } = proposal
      // A deletion proposal concerns all the paragraph's words; an inserted one collects its words below.
      const text = kind === 'deletion' ? runs.map((r) => r.text).join('') : ''
      byId.set(id, { id, kind, delegation, participant, at, blocks: [block], text, paragraph: true })
    }
    for (const run of runs) {
      for (const mark of suggestionMarksOf(run)) {
        let entry = byId.get(mark.id)
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
          byId.set(mark.id, entry)
        }
        if (entry.blocks.at(-1) !== block) entry.blocks.push(block)
        entry.text += run.text
      }
    }
  }
  return [...byId.values()]
}

/** How many pending suggestions each delegation has. */
export function countByDelegation(suggestions: readonly PendingSuggestion[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const s of suggestions) counts[s.delegation] = (counts[s.delegation] ?? 0) + 1
  return counts
}
