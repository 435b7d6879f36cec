/**
 * @module Merging a document's stored snapshot and updates into one snapshot (compaction): applied to a scratch
 * document with garbage collection, so deleted content leaves only tombstones, then encoded once. The scratch
 * document keeps every formatting item (workflows/document/formatting-items.ts): Yjs' cleanup there would
 * write deletions of its own into the snapshot and change marks of the stored text.
 */
import * as Y from 'yjs'
import { keepFormattingItems } from '../../workflows/document/formatting-items.js'

export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  const scratch = new Y.Doc({ gc: true })
  keepFormattingItems(scratch)
  Y.transact(scratch, () => {
    for (const part of parts) Y.applyUpdate(scratch, part)
  })
  const merged = Y.encodeStateAsUpdate(scratch)
  scratch.destroy()
  return merged
}
