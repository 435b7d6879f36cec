import { describe, expect, it } from 'vitest'
import { importMarkdownDraft } from '../../workflows/document/import-draft.js'

const ids = (i: number) => `p-${i}`

describe('importing a zero draft from Markdown', () => {
  it('takes the titles, the kinds from PP/OP numbers (dropped), and italic leads', () => {
    const { spec, report } = importMarkdownDraft(
      [
        '# Closing Statement of the Dialogue',
        '## Tuyên bố chung của Đối thoại',
        '',
        'PP1 *Having gathered* in Ho Chi Minh City,',
        '',
        'OP1 *Agree* to strengthen friendship;',
        '',
        '2. Resolve to meet again.',
      ].join('\n'),
      ids,
    )
    expect(spec.titles).toEqual([
      { lang: 'en', text: 'Closing Statement of the Dialogue' },
      { lang: 'vi', text: 'Tuyên bố chung của Đối thoại' },
    ])
    expect(spec.paragraphs).toEqual([
      { id: 'p-0', kind: 'preambular', lead: 'Having gathered', text: 'in Ho Chi Minh City,' },
      { id: 'p-1', kind: 'operative', lead: 'Agree', text: 'to strengthen friendship;' },
      { id: 'p-2', kind: 'operative', text: 'Resolve to meet again.' },
    ])
    expect(report).toEqual(['paragraph numbers: 3 removed (Accord numbers paragraphs itself)'])
  })

  it('tells preambular from operative by the closing comma when there is no number, and joins wrapped lines', () => {
    const { spec } = importMarkdownDraft(
      '# T\n\nRecalling the masks\nsent in 2021,\n\nDecide to continue.',
      ids,
    )
    expect(spec.paragraphs.map((p) => [p.kind, p.text])).toEqual([
      ['preambular', 'Recalling the masks sent in 2021,'],
      ['operative', 'Decide to continue.'],
    ])
  })

  it('drops what a declaration does not hold and says what it dropped', () => {
    const { spec, report } = importMarkdownDraft(
      [
        '# T',
        '',
        'OP1 See [the website](https://example.org) and **note** `this` <b>now</b>.',
        '',
        '![logo](logo.png)',
        '',
        '| a | b |',
        '',
        '```',
        'code',
        '```',
      ].join('\n'),
      ids,
    )
    expect(spec.paragraphs).toEqual([
      { id: 'p-0', kind: 'operative', text: 'See the website and note this now.' },
    ])
    expect(report).toEqual(
      expect.arrayContaining([
        'links (their words kept): 1 dropped',
        'bold: 1 dropped',
        'code formatting: 1 dropped',
        'HTML: 1 dropped',
        'images: 1 dropped',
        'tables: 1 dropped',
        'code blocks: 1 dropped',
      ]),
    )
  })
})
