import { describe, expect, it } from 'vitest'
import {
  canonicalHash,
  canonicalText,
  sha256Hex,
  type CanonicalBlock,
} from '../../workflows/consensus/canonical-text.js'

const title = (text: string): CanonicalBlock => ({ type: 'title', runs: [{ text, marks: {} }] })
const para = (
  kind: 'preambular' | 'operative',
  ...runs: [string, Record<string, unknown>?][]
): CanonicalBlock => ({
  type: 'paragraph',
  kind,
  runs: runs.map(([text, marks]) => ({ text, marks: marks ?? {} })),
})

describe('the canonical text', () => {
  it('is the titles, an empty line, then numbered paragraphs, one per line, ending with a newline', () => {
    expect(
      canonicalText([
        title('Closing Statement'),
        para('preambular', ['Having met,']),
        para('operative', ['Agree;']),
      ]),
    ).toBe('Closing Statement\n\nPP1 Having met,\nOP1 Agree;\n')
  })

  it('hashes Vietnamese the same whether written with precomposed or combining marks', () => {
    const precomposed = 'Đối thoại Hữu nghị Thành phố Hồ Chí Minh'.normalize('NFC')
    const combining = precomposed.normalize('NFD')
    expect(combining).not.toBe(precomposed)
    expect(canonicalHash([title(precomposed)])).toBe(canonicalHash([title(combining)]))
  })

  it('normalises white space: tabs, non-breaking spaces and runs of spaces become one space, ends trimmed', () => {
    expect(
      canonicalText([title('A'), para('operative', ['  Agree\tto\u00a0\u00a0strengthen \n friendship ;  '])]),
    ).toBe('A\n\nOP1 Agree to strengthen friendship ;\n')
  })

  it('keeps only agreed words: pending insertions out, pending deletions in', () => {
    const ins = { 'insertion--aaaaaaaa': { id: 'i', delegation: 'osaka' } }
    const del = { 'deletion--bbbbbbbb': { id: 'd', delegation: 'leipzig' } }
    expect(
      canonicalText([title('T'), para('operative', ['Agree ', {}], ['warmly ', ins], ['to act', del])]),
    ).toBe('T\n\nOP1 Agree to act\n')
  })

  it('leaves out paragraphs proposed for insertion and keeps those proposed for deletion', () => {
    const proposed = { ...para('operative', ['New']), proposal: 'insertion' as const }
    const doomed = { ...para('operative', ['Old']), proposal: 'deletion' as const }
    expect(canonicalText([title('T'), para('operative', ['First']), proposed, doomed])).toBe(
      'T\n\nOP1 First\nOP2 Old\n',
    )
  })

  it('writes brackets and alternatives', () => {
    const alt = (n: number) => ({ 'bracket--cccccccc': { id: 'b1', alt: n, backers: [] } })
    expect(
      canonicalText([
        title('T'),
        para('operative', ['Commit to ', {}], ['expand', alt(1)], ['double', alt(2)], [' trade', {}]),
      ]),
    ).toBe('T\n\nOP1 Commit to [expand] [Alt 2: double] trade\n')
  })

  it('hashes with SHA-256 in lower-case hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })
})
