import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { anchorOffsets, anchorRange, resolveAnchor } from '../../workflows/document/thread-anchors.js'
import { declarationInitialState } from '../../server/document/declaration-state.js'
import { declarationJson } from '../../workflows/document/build.js'
import { BODY } from '../../workflows/document/format.js'
import {
  cleanMessageText,
  deleteMessage,
  editMessage,
  mayComment,
  openThread,
  reply,
  setStatus,
  tryChangeMessage,
  trySetStatus,
  type Commenter,
} from '../../workflows/threads/thread.js'

const osaka: Commenter = {
  participant: 'osaka-drafter',
  delegation: 'osaka',
  name: 'Drafter',
  role: 'drafter',
}
const leipzig: Commenter = { participant: 'leipzig-head', delegation: 'leipzig', name: 'Head', role: 'head' }
const observer: Commenter = { participant: 'obs', delegation: 'ministry', name: 'Observer', role: 'observer' }

function declaration() {
  const doc = new Y.Doc()
  Y.applyUpdate(
    doc,
    declarationInitialState(
      declarationJson({
        titles: [{ lang: 'en', text: 'Title' }],
        paragraphs: [
          { id: 'op-1', kind: 'operative', text: 'Agree to strengthen friendship and cooperation;' },
          { id: 'op-2', kind: 'operative', text: 'Decide to meet again next year.' },
        ],
      }),
      'negotiation',
    ),
  )
  return doc
}
const textOf = (doc: Y.Doc, index: number) =>
  (doc.getXmlFragment(BODY).get(index) as Y.XmlElement).get(0) as Y.XmlText

describe('thread anchors', () => {
  it('anchor a range of words and follow them through edits before, inside and after it', () => {
    const doc = declaration()
    const anchored = anchorRange(doc, { startBlock: 'op-1', startOffset: 9, endBlock: 'op-1', endOffset: 30 })
    if ('refused' in anchored) throw new Error(anchored.refused)
    expect(anchored.quote).toBe('strengthen friendship')
    textOf(doc, 1).insert(0, 'Firmly ')
    textOf(doc, 1).insert(7 + 9 + 10, ' lasting')
    textOf(doc, 1).insert(textOf(doc, 1).length, ' Done.')
    expect(resolveAnchor(doc, anchored.anchor)).toMatchObject({
      detached: false,
      text: 'strengthen lasting friendship',
    })
  })

  it('give their block ids and offsets, also in a document just loaded from its update', () => {
    const doc = declaration()
    const expected = { startBlock: 'op-1', startOffset: 9, endBlock: 'op-1', endOffset: 30 }
    const anchored = anchorRange(doc, expected)
    if ('refused' in anchored) throw new Error(anchored.refused)
    expect(anchorOffsets(doc, anchored.anchor)).toEqual(expected)
    // Nothing has asked the loaded copy for its body yet (as when the server exports a stored document).
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(doc))
    expect(anchorOffsets(loaded, anchored.anchor)).toEqual(expected)
  })

  it('span two paragraphs', () => {
    const doc = declaration()
    const anchored = anchorRange(doc, { startBlock: 'op-1', startOffset: 35, endBlock: 'op-2', endOffset: 6 })
    if ('refused' in anchored) throw new Error(anchored.refused)
    expect(anchored.quote).toBe('cooperation;\nDecide')
  })

  it('detach, not vanish, when their words are deleted — and when their paragraph is', () => {
    const doc = declaration()
    const words = anchorRange(doc, { startBlock: 'op-1', startOffset: 9, endBlock: 'op-1', endOffset: 19 })
    const paragraph = anchorRange(doc, { startBlock: 'op-2', startOffset: 0, endBlock: 'op-2', endOffset: 6 })
    if ('refused' in words || 'refused' in paragraph) throw new Error('not anchored')
    textOf(doc, 1).delete(9, 11)
    doc.getXmlFragment(BODY).delete(2, 1)
    expect(resolveAnchor(doc, words.anchor)).toMatchObject({ detached: true, text: '' })
    expect(resolveAnchor(doc, paragraph.anchor)).toMatchObject({ detached: true })
  })

  it('refuse empty, reversed or unknown ranges', () => {
    const doc = declaration()
    expect(
      anchorRange(doc, { startBlock: 'op-1', startOffset: 5, endBlock: 'op-1', endOffset: 5 }),
    ).toHaveProperty('refused')
    expect(
      anchorRange(doc, { startBlock: 'op-2', startOffset: 0, endBlock: 'op-1', endOffset: 5 }),
    ).toHaveProperty('refused')
    expect(
      anchorRange(doc, { startBlock: 'op-9', startOffset: 0, endBlock: 'op-9', endOffset: 1 }),
    ).toHaveProperty('refused')
    expect(
      anchorRange(doc, { startBlock: 'op-1', startOffset: 0, endBlock: 'op-1', endOffset: 999 }),
    ).toHaveProperty('refused')
  })

  it('never change the text', () => {
    const doc = declaration()
    const before = Y.encodeStateVector(doc)
    anchorRange(doc, { startBlock: 'op-1', startOffset: 0, endBlock: 'op-1', endOffset: 5 })
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })
})

describe('thread rules', () => {
  const anchor = { startBlock: 'op-1', start: 'a', endBlock: 'op-1', end: 'b' }
  const thread = openThread(osaka, { id: 't1', messageId: 'm1', at: 't0', anchor, quote: 'q', text: 'Why?' })

  it('give the thread to the delegation that opened it', () => {
    expect(thread).toMatchObject({ delegation: 'osaka', participant: 'osaka-drafter', status: 'open' })
  })

  it('let delegations comment while the text is under discussion; observers only if the conference allows', () => {
    expect(mayComment(leipzig, 'negotiation', false).ok).toBe(true)
    expect(mayComment(leipzig, 'consensus-call', false).ok).toBe(true)
    expect(mayComment(leipzig, 'adopted', false).ok).toBe(false)
    expect(mayComment(observer, 'negotiation', false).ok).toBe(false)
    expect(mayComment(observer, 'negotiation', true).ok).toBe(true)
  })

  it('let only the author edit or delete a message; a deleted message stays as deleted', () => {
    const replied = reply(thread, leipzig, 'm2', 'Because.', 't1')
    expect(tryChangeMessage(replied, osaka, 'm2')).toMatchObject({ ok: false, code: 'forbidden' })
    expect(tryChangeMessage(replied, leipzig, 'm2').ok).toBe(true)
    const edited = editMessage(replied, 'm2', 'Because, indeed.', 't2')
    expect(edited.messages[1]).toMatchObject({ text: 'Because, indeed.', editedAt: 't2' })
    const deleted = deleteMessage(edited, 'm2', 't3')
    expect(deleted.messages).toHaveLength(2)
    expect(deleted.messages[1]).toMatchObject({ deleted: true, text: '' })
    expect(tryChangeMessage(deleted, leipzig, 'm2')).toMatchObject({ ok: false })
  })

  it('let only the chair resolve and reopen', () => {
    expect(trySetStatus(thread, 'head', 'negotiation', 'resolved')).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(trySetStatus(thread, 'chair', 'negotiation', 'resolved').ok).toBe(true)
    const resolved = setStatus(thread, 'resolved', 'chair', 't4')
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'chair' })
    expect(trySetStatus(resolved, 'chair', 'negotiation', 'resolved')).toMatchObject({
      ok: false,
      code: 'conflict',
    })
    expect(setStatus(resolved, 'open', 'chair', 't5')).toMatchObject({
      status: 'open',
      resolvedBy: undefined,
    })
  })

  it('keep message text plain: line breaks stay, control characters go', () => {
    expect(cleanMessageText('  one\r\ntwo\u0007 <b>three</b>  ')).toBe('one\ntwo <b>three</b>')
  })
})
