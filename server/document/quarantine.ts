/**
 * @module The server never serves for ever what it cannot serve back. A stored update that cannot be applied or
 * encoded again (one that got in before the format check held it — a mark value nested 20,000 deep broke every
 * merge and every load) would otherwise make its document unloadable: every socket refused, every export a 500.
 * On load, such updates are set aside: the document is rebuilt from the others, storage is compacted without
 * them, and each is recorded in the audit log (its hash, size and bytes) and in the workflow map, where the chair
 * and secretariat see a notice.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'

export interface Unservable {
  part: Uint8Array
  reason: string
}

const EMPTY_UPDATE = new Uint8Array([0, 0])

/** Whether an update decodes and encodes again on its own (what merging and serving it will ask of it). */
function problemOf(part: Uint8Array): string | undefined {
  try {
    // With one update, mergeUpdates hands it back untouched: an empty second one makes it decode and re-encode.
    Y.mergeUpdates([part, EMPTY_UPDATE])
    return undefined
  } catch (error) {
    return String(error).slice(0, 200)
  }
}

/**
 * Splits stored parts (the snapshot first, then updates) into those that can be served and those that cannot.
 * Throws if the servable ones still do not make a document that encodes (then nothing is set aside).
 */
export function sortOutUnservable(parts: readonly Uint8Array[]): {
  servable: Uint8Array[]
  unservable: Unservable[]
} {
  const servable: Uint8Array[] = []
  const unservable: Unservable[] = []
  for (const part of parts) {
    const reason = problemOf(part)
    if (reason === undefined) servable.push(part)
    else unservable.push({ part, reason })
  }
  const check = new Y.Doc({ gc: false })
  for (const part of servable) Y.applyUpdate(check, part)
  Y.encodeStateAsUpdate(check)
  check.destroy()
  return { servable, unservable }
}

/** What the audit log and the workflow map say of a part set aside. */
export function quarantineRecord(unservable: Unservable, at: string) {
  const { part, reason } = unservable
  return {
    at,
    sha256: createHash('sha256').update(part).digest('hex'),
    bytes: part.length,
    reason,
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b))
}
