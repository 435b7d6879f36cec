/**
 * @module Not encoding the server's changes for nobody.
 *
 * Yjs encodes every transaction as an update whenever anything listens to the document's 'update' event, then
 * calls the listeners. On this page they are the provider's (which sends local changes to the server and ignores
 * its own transactions) and the unsaved-changes keeper (which keeps local changes only): none wants what the
 * provider applies. On a 200-page text, encoding the first sync (2 MB) for nobody cost 107 ms of the open (CPU
 * profile of bench:browser's drafter page), and a little on every remote keystroke after.
 *
 * So the 'update' listeners are set aside for the update check of a server transaction only — decided per
 * transaction, from its origin, just before Yjs checks ('afterTransactionCleanup' is emitted right before it).
 * A local change made by an observer while the server's change is being applied is a transaction of its own, and
 * the listeners are back for it: a local change is never left unannounced (that would leave it unsent and
 * unkept). A listener that ever needs the server's changes must listen to something else ('afterTransaction').
 */
import type * as Y from 'yjs'

/** From now on, transactions whose origin `isServers` accepts are not encoded as 'update' events. */
export function announceOnlyLocalChanges(doc: Y.Doc, isServers: (origin: unknown) => boolean): void {
  // lib0's Observable keeps its listeners by event name; Yjs asks `_observers.has('update')` before encoding.
  const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers
  let setAside: Set<unknown> | undefined
  const restore = () => {
    if (!setAside) return
    // A listener added meanwhile is kept with the others.
    for (const added of observers.get('update') ?? []) setAside.add(added)
    observers.set('update', setAside)
    setAside = undefined
  }
  doc.on('afterTransactionCleanup', (transaction: Y.Transaction) => {
    if (!isServers(transaction.origin)) return restore()
    if (setAside || !observers.has('update')) return
    setAside = observers.get('update')
    observers.delete('update')
    // Back as soon as the running code is done, whatever transaction comes next.
    queueMicrotask(restore)
  })
}
