import { describe, expect, it } from 'vitest'
import { redline, type VersionParagraph } from '../../workflows/consensus/redline.js'

const p = (id: string, number: string, text: string): VersionParagraph => ({ id, number, text })

describe('redlines', () => {
  it('shows an inserted and a deleted phrase within a paragraph, word by word', () => {
    const [only] = redline(
      [p('a', 'OP1', 'Agree to strengthen friendship;')],
      [p('a', 'OP1', 'Agree to deepen friendship and trust;')],
    )
    expect(only!.status).toBe('changed')
    expect(only!.words.filter((w) => w.kind !== 'same')).toEqual([
      { kind: 'deleted', text: 'strengthen' },
      { kind: 'inserted', text: 'deepen' },
      { kind: 'inserted', text: 'and trust' },
    ])
  })

  it('matches paragraphs by id: added, deleted and unchanged ones are shown as such, in place', () => {
    const result = redline(
      [p('a', 'OP1', 'One'), p('b', 'OP2', 'Two'), p('c', 'OP3', 'Three')],
      [p('a', 'OP1', 'One'), p('n', 'OP2', 'New'), p('c', 'OP3', 'Three')],
    )
    expect(result.map((r) => [r.id, r.status])).toEqual([
      ['a', 'unchanged'],
      ['b', 'deleted'],
      ['n', 'added'],
      ['c', 'unchanged'],
    ])
  })

  it('shows a moved paragraph as moved, with its old and new numbers', () => {
    const result = redline(
      [p('a', 'OP1', 'One'), p('b', 'OP2', 'Two'), p('c', 'OP3', 'Three')],
      [p('b', 'OP1', 'Two'), p('c', 'OP2', 'Three'), p('a', 'OP3', 'One')],
    )
    expect(result.find((r) => r.id === 'a')).toMatchObject({
      status: 'moved',
      previousNumber: 'OP1',
      number: 'OP3',
    })
    expect(result.filter((r) => r.status === 'unchanged').map((r) => r.id)).toEqual(['b', 'c'])
  })

  it('keeps every deleted paragraph, also when a paragraph moved before them', () => {
    const older = ['a', 'b', 'c', 'd', 'e'].map((id, i) => p(id, `OP${i + 1}`, id))
    const newer = [p('a', 'OP1', 'a'), p('c', 'OP2', 'c'), p('e', 'OP3', 'e'), p('b', 'OP4', 'b')]
    const result = redline(older, newer)
    expect(result.map((r) => [r.id, r.status])).toEqual([
      ['a', 'unchanged'],
      ['c', 'unchanged'],
      ['d', 'deleted'],
      ['e', 'unchanged'],
      ['b', 'moved'],
    ])
  })

  it('handles 200-paragraph versions', () => {
    const older = Array.from({ length: 200 }, (_, i) =>
      p(`p${i}`, `OP${i + 1}`, `Paragraph ${i} about cooperation.`),
    )
    const newer = older.map((x, i) => (i % 10 === 0 ? { ...x, text: `${x.text} Amended.` } : x))
    expect(redline(older, newer).filter((r) => r.status === 'changed')).toHaveLength(20)
  })
})
