/**
 * @module The key under which the Yjs binding stores a mark as a text attribute. Marks that may overlap
 * (our suggestion marks) are stored as `name--<hash of the mark's JSON>`, and the editor must write the very
 * same key when it writes to Yjs itself: a different key for the same mark would look, to the binding and to
 * the server, like removing one mark and adding another. Mirrors `hashOfJSON` in @tiptap/y-tiptap. Used by the
 * editor (suggest mode) and the server (brackets); pure hashing, no I/O.
 */
import type { Mark } from '@tiptap/pm/model'
import * as buf from 'lib0/buffer'
import * as sha256 from 'lib0/hash/sha256'

function convolute(digest: Uint8Array): Uint8Array {
  const N = 6
  for (let i = N; i < digest.length; i++) digest[i % N] = digest[i % N]! ^ digest[i]!
  return digest.slice(0, N)
}

export function markAttributeKey(mark: Mark): string {
  if (mark.type.excludes(mark.type)) return mark.type.name
  return `${mark.type.name}--${buf.toBase64(convolute(sha256.digest(buf.encodeAny(mark.toJSON()))))}`
}
