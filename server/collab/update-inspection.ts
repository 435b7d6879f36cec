/**
 * @module What an incoming Yjs update would change, worked out before it is applied. A stock client sends
 * its whole delete set in every sync step 2, so "the update is non-empty" does not mean "it changes the
 * document": a read-only participant's harmless sync must pass while any real change is refused.
 */
import * as Y from 'yjs'

/** True when applying `update` to `doc` would add content or delete something not already deleted. */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  const known = Y.decodeStateVector(Y.encodeStateVector(doc))
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > (known.get(struct.id.client) ?? 0)) return true
  }
  if (ds.clients.size === 0) return false
  const deleted = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, ranges] of ds.clients) {
    const deletedRanges = deleted.clients.get(client) ?? []
    for (const range of ranges) {
      if (range.len > 0 && !isCovered(deletedRanges, range.clock, range.len)) return true
    }
  }
  return false
}

/** Whether [clock, clock+len) lies inside the sorted, merged ranges. */
function isCovered(ranges: readonly { clock: number; len: number }[], clock: number, len: number): boolean {
  let low = 0
  let high = ranges.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const range = ranges[mid]!
    if (clock < range.clock) high = mid - 1
    else if (clock >= range.clock + range.len) low = mid + 1
    else return clock + len <= range.clock + range.len
  }
  return false
}
