/**
 * @module Every paragraph has a stable id. Ids are minted by whoever creates a paragraph (the seed, an
 * editor splitting a paragraph); this module decides which paragraphs need a new one: those without an
 * id, and every later holder of an id already used earlier in the document (a paste, a merge of
 * concurrent splits). The first holder keeps its id, so existing references stay valid.
 */

/** Positions (indexes) of paragraphs that must receive a fresh id, in document order. */
export function paragraphsNeedingIds(ids: readonly (string | null | undefined)[]): number[] {
  const seen = new Set<string>()
  const needing: number[] = []
  ids.forEach((id, index) => {
    if (!id || seen.has(id)) needing.push(index)
    else seen.add(id)
  })
  return needing
}

/** The alphabet of minted ids: URL- and attribute-safe, no look-alike characters. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/**
 * Turns random bytes (given, so that this stays pure) into a paragraph id such as `p-7kx3m2qa`.
 * Eight characters of 32 give 2^40 ids: collisions in one declaration are not a practical concern,
 * and if one happened, `paragraphsNeedingIds` would re-mint the later holder.
 */
export function paragraphIdFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new Error('paragraphIdFromBytes needs 8 random bytes')
  let id = 'p-'
  for (let i = 0; i < 8; i++) id += ALPHABET[bytes[i]! % ALPHABET.length]
  return id
}
