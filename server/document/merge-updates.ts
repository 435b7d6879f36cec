/**
 * @module Merging a document's stored snapshot and updates into one snapshot (compaction): applied to a scratch
 * document with garbage collection, so deleted content leaves only tombstones, then encoded once.
 */
import * as Y from 'yjs'

export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  const scratch = new Y.Doc({ gc: true })
  Y.transact(scratch, () => {
    for (const part of parts) Y.applyUpdate(scratch, part)
  })
  const merged = Y.encodeStateAsUpdate(scratch)
  scratch.destroy()
  return merged
}
