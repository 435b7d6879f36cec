/**
 * @module Redlines between two versions of a declaration (two revisions, or a revision and the live text).
 * Paragraphs are matched by their stable ids, so a moved paragraph is shown as moved, not as one deleted and
 * another added; within a paragraph, words are compared with `diff` (word-level, white space kept).
 */
import { diffWords } from 'diff'

export interface VersionParagraph {
  id: string
  number: string
  text: string
}

export type WordChange = { kind: 'same' | 'inserted' | 'deleted'; text: string }

export interface RedlineParagraph {
  id: string
  status: 'unchanged' | 'changed' | 'added' | 'deleted' | 'moved'
  /** Number in the newer version (absent for a deleted paragraph). */
  number?: string
  /** Number in the older version (absent for an added paragraph). */
  previousNumber?: string
  words: WordChange[]
}

/** Ids of the longest run of paragraphs that kept their relative order (the rest moved). */
function stayedInOrder(before: string[], after: string[]): Set<string> {
  const common = after.filter((id) => before.includes(id))
  const position = new Map(before.map((id, i) => [id, i]))
  const sequence = common.map((id) => position.get(id)!)
  // Longest increasing subsequence of old positions, in O(n log n).
  const tails: number[] = []
  const tailIndex: number[] = []
  const previous: number[] = new Array<number>(sequence.length).fill(-1)
  sequence.forEach((value, i) => {
    let low = 0
    let high = tails.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (tails[mid]! < value) low = mid + 1
      else high = mid
    }
    tails[low] = value
    tailIndex[low] = i
    previous[i] = low > 0 ? tailIndex[low - 1]! : -1
  })
  const kept = new Set<string>()
  for (let i = tailIndex[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) kept.add(common[i]!)
  return kept
}

function words(before: string, after: string): WordChange[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? 'inserted' : part.removed ? 'deleted' : 'same',
    text: part.value,
  }))
}

export function redline(
  older: readonly VersionParagraph[],
  newer: readonly VersionParagraph[],
): RedlineParagraph[] {
  const olderById = new Map(older.map((p) => [p.id, p]))
  const newerIds = new Set(newer.map((p) => p.id))
  const inOrder = stayedInOrder(
    older.map((p) => p.id),
    newer.map((p) => p.id),
  )
  const result: RedlineParagraph[] = []
  const olderIndex = new Map(older.map((p, i) => [p.id, i]))
  let shownUpTo = 0
  // Deleted paragraphs appear where they stood: before the next paragraph that kept its place.
  const emitDeletedBefore = (limit: number) => {
    for (; shownUpTo < limit; shownUpTo++) {
      const gone = older[shownUpTo]!
      if (newerIds.has(gone.id)) continue
      result.push({
        id: gone.id,
        status: 'deleted',
        previousNumber: gone.number,
        words: [{ kind: 'deleted', text: gone.text }],
      })
    }
  }
  // For each position in the newer version, where the next paragraph that kept its place stood before.
  const nextAnchor: number[] = new Array<number>(newer.length + 1).fill(older.length)
  for (let i = newer.length - 1; i >= 0; i--) {
    const id = newer[i]!.id
    nextAnchor[i] = inOrder.has(id) ? olderIndex.get(id)! : nextAnchor[i + 1]!
  }
  for (const [i, paragraph] of newer.entries()) {
    const before = olderById.get(paragraph.id)
    if (!before) {
      // What was deleted here comes first, then what was added in its place.
      emitDeletedBefore(nextAnchor[i]!)
      result.push({
        id: paragraph.id,
        status: 'added',
        number: paragraph.number,
        words: [{ kind: 'inserted', text: paragraph.text }],
      })
      continue
    }
    if (inOrder.has(paragraph.id)) emitDeletedBefore(olderIndex.get(paragraph.id)!)
    const changed = before.text !== paragraph.text
    const status = !inOrder.has(paragraph.id) ? 'moved' : changed ? 'changed' : 'unchanged'
    result.push({
      id: paragraph.id,
      status,
      number: paragraph.number,
      previousNumber: before.number,
      words: changed ? words(before.text, paragraph.text) : [{ kind: 'same', text: paragraph.text }],
    })
  }
  emitDeletedBefore(older.length)
  return result
}
