import { describe, expect, it } from 'vitest'
import { numberParagraphs } from '../../workflows/document/numbering.js'

describe('paragraph numbering', () => {
  it('numbers preambular paragraphs PP1… and operative paragraphs OP1…, each series on its own', () => {
    expect(numberParagraphs(['preambular', 'preambular', 'operative', 'operative', 'operative'])).toEqual([
      'PP1',
      'PP2',
      'OP1',
      'OP2',
      'OP3',
    ])
  })

  it('renumbers when a paragraph is inserted in the middle', () => {
    const before = numberParagraphs(['operative', 'operative'])
    const after = numberParagraphs(['operative', 'operative', 'operative'])
    expect(before).toEqual(['OP1', 'OP2'])
    expect(after).toEqual(['OP1', 'OP2', 'OP3'])
  })

  it('counts each kind in document order even when kinds interleave', () => {
    expect(numberParagraphs(['preambular', 'operative', 'preambular', 'operative'])).toEqual([
      'PP1',
      'OP1',
      'PP2',
      'OP2',
    ])
  })

  it('numbers nothing in an empty document', () => {
    expect(numberParagraphs([])).toEqual([])
  })
})
