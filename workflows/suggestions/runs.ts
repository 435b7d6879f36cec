/**
 * @module A paragraph's text as runs of characters with the same marks — the one shape in which the server
 * (from Yjs deltas) and the editor (from ProseMirror text nodes) hand text to the suggestion logic. Mark keys
 * are as stored: `insertion--<hash>` for overlapping marks, plain names otherwise; values are mark attributes.
 */
import { suggestionKindOf, type SuggestionKind } from '../rules/suggestions.js'

export interface Run {
  text: string
  marks: Readonly<Record<string, unknown>>
}

export interface ParagraphRuns {
  /** The paragraph's stable id (or the title's language for titles: `title:en`). */
  block: string
  runs: Run[]
  /** A pending proposal to insert or delete the whole paragraph. */
  proposal?: SuggestionMark
}

/** Reads a paragraph's `proposal` attribute (as stored in Yjs or ProseMirror). */
export function proposalOf(value: unknown): SuggestionMark | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { id, kind, delegation, participant, at } = value as Record<string, unknown>
  if (
    typeof id !== 'string' ||
    typeof delegation !== 'string' ||
    (kind !== 'insertion' && kind !== 'deletion')
  )
    return undefined
  const { operation } = value as Record<string, unknown>
  return {
    key: 'proposal',
    kind,
    id,
    delegation,
    participant: typeof participant === 'string' ? participant : '',
    at: typeof at === 'string' ? at : '',
    ...(operation === 'split' || operation === 'join' ? { operation } : {}),
  }
}

/** A suggestion mark found on a run, with its key and attribution. */
export interface SuggestionMark {
  key: string
  kind: SuggestionKind
  id: string
  delegation: string
  participant: string
  at: string
  /** For a paragraph proposal made by splitting or joining paragraphs. */
  operation?: 'split' | 'join'
  /** For a deletion: the ids of other delegations' proposed insertions its proposer saw and chose to cover. */
  covers?: string[]
  /**
   * A deletion mark over words another delegation proposes to insert, which its proposer did not see (they
   * are not in `covers`). A proposal to delete never covers words that were not in the text when it was made:
   * words typed into a passage while another delegation marked it for deletion (the marks meet when the two
   * changes merge) stay the typist's proposal, decided on its own (docs/document-format.md, "Concurrent
   * proposals"). Such a mark has no effect, and is lifted by a decision on either suggestion.
   */
  inert?: true
}

export function suggestionMarksOf(run: Run): SuggestionMark[] {
  const found: SuggestionMark[] = []
  for (const [key, value] of Object.entries(run.marks)) {
    const kind = suggestionKindOf(key)
    if (kind === null || typeof value !== 'object' || value === null) continue
    const { id, delegation, participant, at, covers } = value as Record<string, unknown>
    if (typeof id !== 'string' || typeof delegation !== 'string') continue
    found.push({
      key,
      kind,
      id,
      delegation,
      participant: typeof participant === 'string' ? participant : '',
      at: typeof at === 'string' ? at : '',
      ...(Array.isArray(covers) ? { covers: covers.filter((c): c is string => typeof c === 'string') } : {}),
    })
  }
  const insertions = found.filter((mark) => mark.kind === 'insertion')
  if (insertions.length > 0)
    for (const mark of found)
      if (mark.kind === 'deletion' && insertions.some((insertion) => !covered(mark, insertion)))
        mark.inert = true
  return found
}

/** Whether a deletion covers the words of an insertion on the same run. */
function covered(deletion: SuggestionMark, insertion: SuggestionMark): boolean {
  return insertion.delegation === deletion.delegation || (deletion.covers ?? []).includes(insertion.id)
}
