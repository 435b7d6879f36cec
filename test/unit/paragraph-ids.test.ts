import { describe, expect, it } from 'vitest'
import { paragraphIdFromBytes, paragraphsNeedingIds } from '../../workflows/document/paragraph-ids.js'

describe('paragraph ids', () => {
  it('leaves a document whose paragraphs all have distinct ids alone', () => {
    expect(paragraphsNeedingIds(['a', 'b', 'c'])).toEqual([])
  })

  it('asks for an id for a paragraph that has none (the new half of a split)', () => {
    expect(paragraphsNeedingIds(['a', null, 'b', undefined, ''])).toEqual([1, 3, 4])
  })

  it('keeps the first holder of a repeated id and re-mints the later ones (a paste)', () => {
    expect(paragraphsNeedingIds(['a', 'b', 'a', 'a'])).toEqual([2, 3])
  })

  it('mints ids from random bytes in a fixed, attribute-safe shape', () => {
    const id = paragraphIdFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 31]))
    expect(id).toBe('p-abcdefg9')
    expect(id).toMatch(/^p-[a-z2-9]{8}$/)
  })

  it('refuses too few random bytes rather than minting a short id', () => {
    expect(() => paragraphIdFromBytes(new Uint8Array(4))).toThrow()
  })
})
