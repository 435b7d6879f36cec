/**
 * @module The number basis of a served declaration (workflows/document/numbering.ts): read from the Y.Doc's
 * `numbers` map, made anew when the chair renumbers, and completed when the text gains a paragraph, so that
 * the number a paragraph is shown with when it is accepted is the number it keeps.
 */
import * as Y from 'yjs'
import { BODY, NUMBERS, isParagraphKind } from '../../workflows/document/format.js'
import {
  freshBasis,
  numbersToFix,
  type NumberBasis,
  type NumberedParagraph,
} from '../../workflows/document/numbering.js'
import { proposalOf } from '../../workflows/suggestions/runs.js'

export function numberBasis(doc: Y.Doc): NumberBasis {
  return new Map(doc.getMap<string>(NUMBERS).entries())
}

export const hasNumberBasis = (doc: Y.Doc): boolean => doc.getMap(NUMBERS).size > 0

/** The paragraphs of the body as numbering reads them. */
export function numberedParagraphs(doc: Y.Doc): NumberedParagraph[] {
  const paragraphs: NumberedParagraph[] = []
  for (const node of doc.getXmlFragment(BODY).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== 'paragraph') continue
    const kind = node.getAttribute('kind')
    paragraphs.push({
      id: String(node.getAttribute('id') ?? ''),
      kind: isParagraphKind(kind) ? kind : 'operative',
      proposed: proposalOf(node.getAttribute('proposal'))?.kind === 'insertion',
    })
  }
  return paragraphs
}

/** Gives the text fresh numbers 1, 2, 3 …; call inside a server write. Returns old → new, for the record. */
export function renumber(doc: Y.Doc): { id: string; from?: string; to: string }[] {
  const numbers = doc.getMap<string>(NUMBERS)
  const before = numberBasis(doc)
  const fresh = freshBasis(numberedParagraphs(doc))
  for (const id of [...numbers.keys()]) if (!fresh.has(id)) numbers.delete(id)
  const changed: { id: string; from?: string; to: string }[] = []
  for (const [id, label] of fresh) {
    if (numbers.get(id) !== label) numbers.set(id, label)
    if (before.get(id) !== label)
      changed.push({ id, ...(before.has(id) ? { from: before.get(id) } : {}), to: label })
  }
  return changed
}

/** Records the numbers of paragraphs that became part of the text; call inside a server write. */
export function fixNewNumbers(doc: Y.Doc): void {
  const numbers = doc.getMap<string>(NUMBERS)
  for (const [id, label] of numbersToFix(numberedParagraphs(doc), numberBasis(doc))) numbers.set(id, label)
}
