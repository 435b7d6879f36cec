import { describe, expect, it } from 'vitest'
import { compilation, compilationSummary, compileParagraph } from '../../workflows/meeting/compilation.js'
import { proposalLines } from '../../workflows/meeting/compilation-lines.js'
import type { ParagraphRuns, Run } from '../../workflows/suggestions/runs.js'

const by = (delegation: string, id: string) => ({
  id,
  delegation,
  participant: `${delegation}-head`,
  at: 't',
})
const plain = (text: string): Run => ({ text, marks: {} })
const ins = (text: string, delegation: string, id: string): Run => ({
  text,
  marks: { [`insertion--${id.padEnd(8, 'x').slice(0, 8)}`]: by(delegation, id) },
})
const del = (text: string, delegation: string, id: string): Run => ({
  text,
  marks: { [`deletion--${id.padEnd(8, 'x').slice(0, 8)}`]: by(delegation, id) },
})
const paragraph = (block: string, ...runs: Run[]): ParagraphRuns => ({ block, runs })

describe('the compilation of proposals', () => {
  it('gives the standing words and each proposal with proponent and supporters', () => {
    const row = compileParagraph(
      paragraph(
        'op4',
        plain('Commit to expand '),
        del('trade', 'osaka', 's1'),
        ins('tourism', 'osaka', 's2'),
        plain('.'),
      ),
      'OP4',
      { s2: [{ delegation: 'leipzig', at: 't' }] },
    )
    expect(row.text).toBe('Commit to expand trade.')
    expect(row.proposals.map((p) => [p.id, p.kind, p.delegation, p.text, p.supporters, p.conflicts])).toEqual(
      [
        ['s1', 'deletion', 'osaka', 'trade', [], []],
        ['s2', 'insertion', 'osaka', 'tourism', ['leipzig'], []],
      ],
    )
  })

  it("flags other delegations' proposals that compete for the same words", () => {
    const row = compileParagraph(
      paragraph(
        'op4',
        plain('Commit to '),
        del('expand trade', 'osaka', 's1'),
        ins(' grow', 'leipzig', 's2'),
        plain(' and '),
        ins('fair', 'busan', 's3'),
        ins('open', 'yangon', 's4'),
        plain(' investment; '),
        del('help', 'busan', 's5'),
        plain(' enterprises'),
      ),
      'OP4',
      {},
    )
    const conflicts = Object.fromEntries(row.proposals.map((p) => [p.id, p.conflicts]))
    expect(conflicts).toEqual({
      s1: ['s2'], // Leipzig inserts where Osaka deletes (at its edge)
      s2: ['s1'],
      s3: ['s4'], // two insertions at one point
      s4: ['s3'],
      s5: [], // alone on its words
    })
    expect(compilationSummary([row])).toEqual({ proposals: 5, conflicting: 4 })
  })

  it("does not flag one delegation's replacement (its deletion and insertion) as a conflict", () => {
    const row = compileParagraph(
      paragraph('op4', del('trade', 'osaka', 's1'), ins('commerce', 'osaka', 's2')),
      'OP4',
      {},
    )
    expect(row.proposals.every((p) => p.conflicts.length === 0)).toBe(true)
  })

  it('lists a proposal about the whole paragraph, in conflict with every other delegation’s there', () => {
    const row = compileParagraph(
      {
        block: 'op9',
        runs: [plain('Hold a forum '), ins('yearly', 'leipzig', 's2')],
        proposal: { key: 'proposal', kind: 'deletion', ...by('osaka', 'p1') },
      },
      'OP9',
      {},
    )
    expect(row.proposals.find((p) => p.id === 'p1')).toMatchObject({
      paragraph: true,
      text: 'Hold a forum ',
      conflicts: ['s2'],
    })
  })

  it('lists bracketed alternatives with their backers', () => {
    const bracket = (alt: number, backers: string[]) => ({
      [`bracket--alt${alt}xxxx`]: { id: 'b1', alt, backers, delegation: 'osaka', participant: 'p', at: 't' },
    })
    const row = compileParagraph(
      paragraph(
        'op4',
        plain('Meet '),
        { text: 'yearly', marks: bracket(1, ['osaka']) },
        { text: 'every two years', marks: bracket(2, ['leipzig', 'busan']) },
      ),
      'OP4',
      {},
    )
    expect(row.alternatives.map((a) => [a.alt, a.text, a.backers])).toEqual([
      [1, 'yearly', ['osaka']],
      [2, 'every two years', ['leipzig', 'busan']],
    ])
  })

  it('compiles the whole text or the paragraphs asked for, titles left out', () => {
    const text = [
      paragraph('title:en', plain('Statement')),
      paragraph('op1', plain('One.')),
      paragraph('op2', plain('Two.')),
    ]
    expect(compilation(text, (b) => b.toUpperCase(), {}).map((r) => r.number)).toEqual(['OP1', 'OP2'])
    expect(compilation(text, (b) => b, {}, new Set(['op2'])).map((r) => r.block)).toEqual(['op2'])
  })

  it('prints each proposal with its label, proponent, time, supporters and competitors, in the reader’s language', () => {
    const row = compileParagraph(
      paragraph(
        'op4',
        plain('Commit to trade'),
        ins(' and tourism', 'osaka', 's1'),
        ins(' and culture', 'busan', 's2'),
      ),
      'OP4',
      { s1: [{ delegation: 'leipzig', at: '2022-12-03T07:00:00.000Z' }] },
    )
    const names: Record<string, string> = { osaka: 'Osaka', busan: 'Busan', leipzig: 'Leipzig' }
    const lines = proposalLines(
      row,
      (d) => names[d] ?? d,
      'en',
      (iso) => `at ${iso}`,
    )
    expect(lines.map((l) => [l.label, l.text, l.at, l.notes, l.conflicting])).toEqual([
      ['(a)', 'Osaka: add “and tourism”', 'at t', ['supported by Leipzig', 'competes with (b)'], true],
      ['(b)', 'Busan: add “and culture”', 'at t', ['competes with (a)'], true],
    ])
    expect(
      proposalLines(
        row,
        (d) => names[d] ?? d,
        'vi',
        () => '',
      )[0]!.notes,
    ).toEqual(['được Leipzig ủng hộ', 'cạnh tranh với (b)'])
  })
})
