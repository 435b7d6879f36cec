/**
 * @module The canonical text of a served declaration (workflows/consensus/canonical-text.ts says how it is
 * made) and the blocks a revision keeps: each paragraph's id, number and agreed words.
 */
import * as Y from 'yjs'
import {
  canonicalHash,
  canonicalText,
  normalise,
  type CanonicalBlock,
} from '../../workflows/consensus/canonical-text.js'
import { BODY, isParagraphKind } from '../../workflows/document/format.js'
import { numberParagraphs } from '../../workflows/document/numbering.js'
import { numberBasis } from './numbers.js'
import { proposalOf } from '../../workflows/suggestions/runs.js'
import { runsOf } from './suggestion-text.js'

export function canonicalBlocks(doc: Y.Doc): (CanonicalBlock & { id: string })[] {
  const blocks: (CanonicalBlock & { id: string })[] = []
  for (const node of doc.getXmlFragment(BODY).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue
    const runs = node.toArray().flatMap((child) => (child instanceof Y.XmlText ? runsOf(child) : []))
    if (node.nodeName === 'title') {
      blocks.push({ id: `title:${String(node.getAttribute('lang') ?? 'en')}`, type: 'title', runs })
    } else if (node.nodeName === 'paragraph') {
      const kind = node.getAttribute('kind')
      blocks.push({
        id: String(node.getAttribute('id') ?? ''),
        type: 'paragraph',
        kind: isParagraphKind(kind) ? kind : 'operative',
        proposal: proposalOf(node.getAttribute('proposal'))?.kind,
        runs,
      })
    }
  }
  return blocks
}

/** The language of the text: its first title's (`en` when it has none). */
export function textLanguage(doc: Y.Doc): string {
  const title = doc
    .getXmlFragment(BODY)
    .toArray()
    .find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === 'title')
  return String(title?.getAttribute('lang') ?? 'en')
}

export interface CanonicalDocument {
  text: string
  hash: string
  /** The agreed paragraphs with their numbers and words, for redlines. */
  paragraphs: { id: string; number: string; text: string }[]
}

export function canonicalDocument(doc: Y.Doc): CanonicalDocument {
  const blocks = canonicalBlocks(doc)
  const basis = numberBasis(doc)
  const text = canonicalText(blocks, basis)
  const agreed = blocks.filter((b) => b.type === 'paragraph' && b.proposal !== 'insertion')
  const numbers = numberParagraphs(
    agreed.map((b) => ({ id: b.id, kind: b.kind ?? 'operative' })),
    basis,
  )
  // The words of each line, as in the canonical text (one line per paragraph after the titles and a blank line).
  const lines = text.split('\n')
  const titles = blocks.filter((b) => b.type === 'title').length
  return {
    text,
    hash: canonicalHash(blocks, basis),
    paragraphs: agreed.map((b, i) => ({
      id: b.id,
      number: numbers[i]!,
      text: normalise(lines[titles + 1 + i]!.slice(numbers[i]!.length + 1)),
    })),
  }
}
