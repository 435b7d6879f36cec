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

describe('numbering proposed paragraphs as negotiators do', () => {
  it('numbers a proposed paragraph after the one it follows: OP3bis, then OP3ter', () => {
    expect(
      numberParagraphs([
        { kind: 'operative' },
        { kind: 'operative' },
        { kind: 'operative' },
        { kind: 'operative', proposed: true },
        { kind: 'operative', proposed: true },
        { kind: 'operative' },
      ]),
    ).toEqual(['OP1', 'OP2', 'OP3', 'OP3bis', 'OP3ter', 'OP4'])
  })

  it('keeps the agreed paragraphs’ numbers while proposals are pending', () => {
    const labels = numberParagraphs([
      { kind: 'preambular' },
      { kind: 'preambular', proposed: true },
      { kind: 'preambular' },
    ])
    expect(labels).toEqual(['PP1', 'PP1bis', 'PP2'])
  })

  it('numbers a proposal before the first paragraph of its series as 0bis', () => {
    expect(numberParagraphs([{ kind: 'operative', proposed: true }, { kind: 'operative' }])).toEqual([
      'OP0bis',
      'OP1',
    ])
  })
})
