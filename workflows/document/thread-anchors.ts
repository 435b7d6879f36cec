/**
 * @module Anchoring comment threads without touching the text. The server turns a range given as block ids
 * and character offsets into Yjs relative positions, which follow the words through every later edit; the
 * server and the editor resolve them back the same way. A thread whose words are all deleted resolves to an
 * empty range: it is detached — still listed, still readable, never lost. Pure functions of a Y.Doc.
 */
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { BODY } from './format.js'
import type { ThreadAnchor } from '../threads/thread.js'

export interface RangeRequest {
  startBlock: string
  startOffset: number
  endBlock: string
  endOffset: number
}

export interface ResolvedAnchor {
  detached: boolean
  /** The words the anchor covers now (empty when detached). */
  text: string
  startBlock: string
  endBlock: string
}

/** A block's id: a paragraph's own, `title:<lang>` for a title. */
function blockId(element: Y.XmlElement): string {
  return element.nodeName === 'title'
    ? `title:${String(element.getAttribute('lang') ?? 'en')}`
    : String(element.getAttribute('id') ?? '')
}

/** Block id → the XmlText holding its words (titles are `title:<lang>`). */
function blockTexts(doc: Y.Doc): Map<string, Y.XmlText> {
  const texts = new Map<string, Y.XmlText>()
  for (const node of doc.getXmlFragment(BODY).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue
    const text = node.toArray().find((child) => child instanceof Y.XmlText)
    if (text instanceof Y.XmlText) texts.set(blockId(node), text)
  }
  return texts
}

/**
 * The block id of a block's text, read from its paragraph (or title) rather than by listing every block: a
 * 2,000-paragraph text resolves 200 anchors several times a second while delegations type (issue 15).
 */
function blockOf(doc: Y.Doc, text: Y.XmlText): string | undefined {
  // The body first: in a document loaded from an update, asking for it is what gives its children their parent.
  const body = doc.getXmlFragment(BODY)
  const block = text.parent
  return block instanceof Y.XmlElement && block.parent === body ? blockId(block) : undefined
}

function blockOrder(doc: Y.Doc): string[] {
  return [...blockTexts(doc).keys()]
}

const plain = (text: Y.XmlText) =>
  (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')

/** The anchor for a range, or a reason why it cannot be anchored. */
export function anchorRange(
  doc: Y.Doc,
  range: RangeRequest,
): { anchor: ThreadAnchor; quote: string } | { refused: string } {
  const texts = blockTexts(doc)
  const start = texts.get(range.startBlock)
  const end = texts.get(range.endBlock)
  if (!start || !end) return { refused: 'The range is not in the text (unknown paragraph).' }
  const order = blockOrder(doc)
  const [a, b] = [order.indexOf(range.startBlock), order.indexOf(range.endBlock)]
  const offsetsOk =
    Number.isInteger(range.startOffset) &&
    Number.isInteger(range.endOffset) &&
    range.startOffset >= 0 &&
    range.endOffset >= 0 &&
    range.startOffset <= start.length &&
    range.endOffset <= end.length
  if (!offsetsOk || a > b || (a === b && range.startOffset >= range.endOffset)) {
    return { refused: 'The range is empty or outside the paragraph.' }
  }
  const anchor: ThreadAnchor = {
    startBlock: range.startBlock,
    start: toBase64(
      Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start, range.startOffset, 0)),
    ),
    endBlock: range.endBlock,
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end, range.endOffset, -1))),
  }
  return { anchor, quote: quoteOf(doc, anchor) }
}

function absolute(doc: Y.Doc, encoded: string): { text: Y.XmlText; index: number } | null {
  const position = Y.createAbsolutePositionFromRelativePosition(
    Y.decodeRelativePosition(fromBase64(encoded)),
    doc,
  )
  if (!position || !(position.type instanceof Y.XmlText)) return null
  // A position inside a deleted paragraph resolves, but the words are gone: the thread is detached.
  for (let item = position.type._item; item !== null; item = (item.parent as Y.XmlElement)._item) {
    if (item.deleted) return null
  }
  return { text: position.type, index: position.index }
}

function quoteOf(doc: Y.Doc, anchor: ThreadAnchor): string {
  const start = absolute(doc, anchor.start)
  const end = absolute(doc, anchor.end)
  if (!start || !end) return ''
  if (start.text === end.text)
    return start.index < end.index ? plain(start.text).slice(start.index, end.index) : ''
  const texts = [...blockTexts(doc).values()]
  const [a, b] = [texts.indexOf(start.text), texts.indexOf(end.text)]
  if (a < 0 || b < 0 || a > b) return ''
  const parts = [plain(start.text).slice(start.index)]
  for (let i = a + 1; i < b; i++) parts.push(plain(texts[i]!))
  parts.push(plain(end.text).slice(0, end.index))
  return parts.join('\n')
}

/** Where an anchor's words are now, as block ids and character offsets (null when detached). */
export function anchorOffsets(
  doc: Y.Doc,
  anchor: ThreadAnchor,
): { startBlock: string; startOffset: number; endBlock: string; endOffset: number } | null {
  const start = absolute(doc, anchor.start)
  const end = absolute(doc, anchor.end)
  if (!start || !end || resolveAnchor(doc, anchor).detached) return null
  const [startBlock, endBlock] = [blockOf(doc, start.text), blockOf(doc, end.text)]
  if (startBlock === undefined || endBlock === undefined) return null
  return { startBlock, startOffset: start.index, endBlock, endOffset: end.index }
}

export function resolveAnchor(doc: Y.Doc, anchor: ThreadAnchor): ResolvedAnchor {
  const text = quoteOf(doc, anchor)
  return {
    detached: text.trim().length === 0,
    text,
    startBlock: anchor.startBlock,
    endBlock: anchor.endBlock,
  }
}
