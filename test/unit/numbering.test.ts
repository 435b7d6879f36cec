import { describe, expect, it } from 'vitest'
import { freshBasis, numberParagraphs, numbersToFix, parseLabel } from '../../workflows/document/numbering.js'

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

describe('numbers that do not move during a negotiation (a number basis)', () => {
  const op = (id: string, proposed = false) => ({ id, kind: 'operative' as const, proposed })
  const pp = (id: string) => ({ id, kind: 'preambular' as const })
  const start = [pp('a'), pp('b'), op('c'), op('d'), op('e')]
  const basis = freshBasis(start)

  it('gives the text fresh numbers 1, 2, 3 … when the negotiation starts', () => {
    expect([...basis.values()]).toEqual(['PP1', 'PP2', 'OP1', 'OP2', 'OP3'])
    expect(numberParagraphs(start, basis)).toEqual(['PP1', 'PP2', 'OP1', 'OP2', 'OP3'])
  })

  it('keeps an accepted new paragraph OP1bis and every later number as it was', () => {
    const text = [pp('a'), pp('b'), op('c'), op('new'), op('d'), op('e')]
    expect(numberParagraphs(text, basis)).toEqual(['PP1', 'PP2', 'OP1', 'OP1bis', 'OP2', 'OP3'])
    const fixed = new Map([...basis, ...numbersToFix(text, basis)])
    expect(fixed.get('new')).toBe('OP1bis')
    // A second proposal after it is OP1ter, and the accepted OP1bis does not move when it comes before it.
    const more = [pp('a'), pp('b'), op('c'), op('other', true), op('new'), op('d')]
    expect(numberParagraphs(more, fixed)).toEqual(['PP1', 'PP2', 'OP1', 'OP1ter', 'OP1bis', 'OP2'])
  })

  it('never gives a deleted paragraph’s number to another', () => {
    const text = [pp('a'), pp('b'), op('c'), op('e'), op('new', true)]
    expect(numberParagraphs(text, basis)).toEqual(['PP1', 'PP2', 'OP1', 'OP3', 'OP3bis'])
    const replaced = [pp('a'), pp('b'), op('c'), op('new', true), op('e')]
    expect(numberParagraphs(replaced, basis)).toEqual(['PP1', 'PP2', 'OP1', 'OP1bis', 'OP3'])
  })

  it('numbers the new half of a split after the paragraph it came from', () => {
    const text = [pp('a'), pp('b'), op('c'), op('c2'), op('d'), op('e')]
    expect(numberParagraphs(text, basis)).toEqual(['PP1', 'PP2', 'OP1', 'OP1bis', 'OP2', 'OP3'])
  })

  it('numbers a paragraph moved to the other series as new there', () => {
    const text = [pp('a'), op('b'), op('c'), op('d'), op('e')]
    expect(numberParagraphs(text, basis)).toEqual(['PP1', 'OP0bis', 'OP1', 'OP2', 'OP3'])
  })

  it('fixes nothing without a basis, and nothing proposed', () => {
    expect(numbersToFix(start, new Map())).toEqual(new Map())
    expect(numbersToFix([...start, op('p', true)], basis)).toEqual(new Map())
  })

  it('reads a label back into its root and rank', () => {
    expect(parseLabel('OP6')).toEqual({ root: 'OP6', rank: 0 })
    expect(parseLabel('OP6ter')).toEqual({ root: 'OP6', rank: 2 })
    expect(parseLabel('PP12-11')).toEqual({ root: 'PP12', rank: 10 })
    expect(parseLabel('XX1')).toBeNull()
  })
})

describe('numbers from a basis, over random histories', () => {
  it('never gives two paragraphs one number and never moves a based number (200 seeds)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      let state = seed
      const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
      const kinds = ['preambular', 'operative'] as const
      const text = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, kind: kinds[i < 3 ? 0 : 1]! }))
      let basis: Map<string, string> = freshBasis(text)
      const first = new Map(basis)
      for (let step = 0; step < 30; step++) {
        const at = Math.floor(random() * (text.length + 1))
        if (random() < 0.6)
          text.splice(at, 0, { id: `n${seed}-${step}`, kind: kinds[random() < 0.3 ? 0 : 1]! })
        else if (text.length > 1) text.splice(Math.min(at, text.length - 1), 1)
        const labels = numberParagraphs(text, basis)
        expect(new Set(labels).size).toBe(labels.length)
        text.forEach((p, i) => {
          if (first.has(p.id) && first.get(p.id)!.startsWith(p.kind === 'preambular' ? 'PP' : 'OP'))
            expect(labels[i]).toBe(first.get(p.id))
        })
        if (random() < 0.3) basis = new Map([...basis, ...numbersToFix(text, basis)])
        const after = numberParagraphs(text, basis)
        expect(after).toEqual(labels)
      }
    }
  })
})
