/**
 * @module Undoing the chair's last decision on suggestions, within a few minutes: the suggestions come back as
 * they were — same ids, same delegation, participant and time, same place — while whatever others wrote since
 * stays. Built on Yjs' UndoManager, which reverts exactly the items one transaction inserted and deleted (so a
 * word typed meanwhile next to the decided ones is untouched), tracking only the decision's own server write.
 *
 * Kept in memory with the served Y.Doc: a document unloaded or rebuilt since the decision (every client left,
 * a restart, a refused update) can no longer undo it, and the route says so. One decision is kept — the last.
 */
import * as Y from 'yjs'
import { BODY } from '../../workflows/document/format.js'

/** The origin of a decision's server write: the UndoManager tracks transactions with this origin's class. */
export class DecisionWrite {
  readonly kind = 'server' as const
  constructor(readonly action: string) {}
}

const managers = new WeakMap<Y.Doc, Y.UndoManager>()

/**
 * Makes the next decision on `doc` the one that can be undone (the earlier one no longer can). Call before the
 * decision's server write, whose origin must be a `DecisionWrite`.
 */
export function rememberNextDecision(doc: Y.Doc): void {
  let manager = managers.get(doc)
  if (!manager) {
    manager = new Y.UndoManager(doc.getXmlFragment(BODY), {
      trackedOrigins: new Set([DecisionWrite]),
      // Every decision is its own step, however quickly the next one follows.
      captureTimeout: 0,
    })
    managers.set(doc, manager)
  }
  // Only the last decision is kept: the items the earlier ones deleted may be collected again.
  manager.clear()
}

/** Whether the last decision on `doc` can still be undone from memory. */
export function canUndoDecision(doc: Y.Doc): boolean {
  return (managers.get(doc)?.undoStack.length ?? 0) > 0
}

/** Reverts the last decision; call inside a server write (so that it is stored and relayed like any other). */
export function undoDecision(doc: Y.Doc): boolean {
  const manager = managers.get(doc)
  if (!manager || manager.undoStack.length === 0) return false
  manager.undo()
  manager.clear()
  return true
}
