/**
 * @module Paragraph elements of a served Y.Doc by id, and their status (server-written only).
 */
import * as Y from 'yjs'
import { BODY, isParagraphStatus, type ParagraphStatus } from '../../workflows/document/format.js'
import { reopensOnTextChange } from '../../workflows/rules/paragraph-status.js'

export function findParagraph(doc: Y.Doc, id: string): Y.XmlElement | undefined {
  return doc
    .getXmlFragment(BODY)
    .toArray()
    .find(
      (node): node is Y.XmlElement =>
        node instanceof Y.XmlElement && node.nodeName === 'paragraph' && node.getAttribute('id') === id,
    )
}

export function statusOf(paragraph: Y.XmlElement): ParagraphStatus {
  const status = paragraph.getAttribute('status')
  return isParagraphStatus(status) ? status : 'open'
}

/** Reopens the given paragraphs whose words changed; call inside a server write. */
export function reopenChanged(paragraphs: Iterable<Y.XmlElement>): void {
  for (const paragraph of paragraphs) {
    if (reopensOnTextChange(statusOf(paragraph))) paragraph.setAttribute('status', 'open')
  }
}
