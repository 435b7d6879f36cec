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
}

export function suggestionMarksOf(run: Run): SuggestionMark[] {
  const found: SuggestionMark[] = []
  for (const [key, value] of Object.entries(run.marks)) {
    const kind = suggestionKindOf(key)
    if (kind === null || typeof value !== 'object' || value === null) continue
    const { id, delegation, participant, at } = value as Record<string, unknown>
    if (typeof id !== 'string' || typeof delegation !== 'string') continue
    found.push({
      key,
      kind,
      id,
      delegation,
      participant: typeof participant === 'string' ? participant : '',
      at: typeof at === 'string' ? at : '',
    })
  }
  return found
}
