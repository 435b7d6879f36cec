/**
 * @module Every copy of a declaration — the server's and each browser's — keeps Yjs formatting items as their
 * writers made them. Yjs, on receiving a peer's change to a formatted text, deletes the formatting items it
 * judges redundant from its own view of the text ("formatting cleanup"), as a change of its own. Under
 * concurrent editing that view is out of date: a cleanup can remove the items that another writer's
 * just-typed words rely on, so that those words lose (or gain) a suggestion mark when the changes merge — the
 * typist's proposal silently becomes plain text, or plain text becomes someone's proposal, and the server then
 * refuses an honest change. Redundant items cost a few bytes; a changed mark costs a delegate's words. So the
 * cleanup is switched off, on every copy (docs/document-format.md, "Concurrent proposals").
 */
import * as Y from 'yjs'

/** Turns off Yjs' automatic formatting cleanup on this document (call once, before any change arrives). */
export function keepFormattingItems(doc: Y.Doc): void {
  doc.on('afterTransaction', skipFormattingCleanup)
}

/** Runs after a transaction's observers and before Yjs' cleanup, which it cancels. */
function skipFormattingCleanup(transaction: Y.Transaction): void {
  transaction._needFormattingCleanup = false
}

/**
 * Deletes characters [index, index + length) of a text without Yjs' local formatting cleanup. `Y.Text.delete`
 * also deletes the formatting items around the deleted range that look redundant to the writer — among them the
 * item that closes someone else's mark. If that someone has at the same moment typed inside the range, Yjs has
 * written an item after their words that restores the mark, and with the closing item gone the restored mark
 * runs on over the rest of the paragraph: existing words suddenly become another delegation's proposal. Deleting
 * only the characters leaves every formatting item in place, and concurrent words stay as their writers wrote
 * them.
 */
export function deleteCharacters(text: Y.Text, index: number, length: number): void {
  if (!text.doc) throw new Error('deleteCharacters needs a text that is in a document')
  Y.transact(text.doc, (transaction) => {
    let remaining = length
    let position = 0
    let item = text._start
    while (item !== null && remaining > 0) {
      if (!item.deleted && item.countable) {
        if (position + item.length <= index) {
          position += item.length
          item = item.right
          continue
        }
        if (position < index) {
          item = Y.getItemCleanStart(
            transaction,
            Y.createID(item.id.client, item.id.clock + (index - position)),
          )
          position = index
        }
        if (item.length > remaining)
          Y.getItemCleanStart(transaction, Y.createID(item.id.client, item.id.clock + remaining))
        remaining -= item.length
        item.delete(transaction)
      }
      item = item.right
    }
    // Yjs caches index → item positions ("search markers"); they are stale now, and rebuilt on demand.
    if (text._searchMarker) text._searchMarker.length = 0
  })
}
