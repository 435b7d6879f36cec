/**
 * @module The compilation of proposals (workflows/meeting/compilation.ts) as the lines a printed compilation shows,
 * in the reader's language: each proposal labelled (a), (b), (c) … within its paragraph, with its proponent, its
 * supporters and the labels of the proposals it competes with; then the bracketed alternatives. Shared by the Word
 * and PDF exports and the page's compilation panel, so that all three say the same.
 */
import type { CompiledParagraph } from './compilation.js'
import { translate, type Language } from '../i18n/catalogue.js'

export interface ProposalLine {
  label: string
  text: string
  /** When it was proposed, as `timeOf` says it (bracketed alternatives have no time). */
  at?: string
  /** Supporters and conflicts, when there are any. */
  notes: string[]
  conflicting: boolean
}

/** (a), (b) … (z), (aa) … */
function label(index: number): string {
  let name = ''
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26))
    name = String.fromCharCode(97 + ((i - 1) % 26)) + name
  return `(${name})`
}

/** What a proposal's words are shown as: long ones cut, so that a row stays a row. */
const words = (text: string) => {
  const trimmed = text.trim().replace(/\s+/g, ' ')
  return trimmed.length > 600 ? `${trimmed.slice(0, 597)}…` : trimmed
}

export function proposalLines(
  row: CompiledParagraph,
  nameOf: (delegation: string) => string,
  language: Language,
  /** An ISO time as the reader should see it (the host city's clock). */
  timeOf: (iso: string) => string,
): ProposalLine[] {
  const labels = new Map(row.proposals.map((p, i) => [p.id, label(i)]))
  const lines: ProposalLine[] = row.proposals.map((p) => {
    const who = nameOf(p.delegation)
    const key = p.paragraph
      ? p.kind === 'insertion'
        ? 'compilation.newParagraph'
        : 'compilation.deleteParagraph'
      : p.kind === 'insertion'
        ? 'compilation.insertion'
        : 'compilation.deletion'
    const notes: string[] = []
    if (p.supporters.length > 0)
      notes.push(
        translate(language, 'compilation.supportedBy', { names: p.supporters.map(nameOf).join(', ') }),
      )
    if (p.conflicts.length > 0)
      notes.push(
        translate(language, 'compilation.conflicts', {
          labels: p.conflicts.map((id) => labels.get(id) ?? id).join(', '),
        }),
      )
    return {
      label: labels.get(p.id)!,
      text: translate(language, key, { who, words: words(p.text) }),
      at: timeOf(p.at),
      notes,
      conflicting: p.conflicts.length > 0,
    }
  })
  for (const a of row.alternatives)
    lines.push({
      label: `[${a.alt}]`,
      text: translate(language, 'compilation.alternative', {
        alt: a.alt,
        who: (a.backers.length > 0 ? a.backers : [a.delegation]).map(nameOf).join(', '),
        words: words(a.text),
      }),
      notes: [],
      conflicting: false,
    })
  return lines
}
