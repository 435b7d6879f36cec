/**
 * @module Describes what a finished Yjs transaction did to one `Y.XmlText`, as the `TextChange`s that the
 * rules in workflows/ judge: content inserted (with the marks it ends up with), content deleted (with the
 * marks it had), and existing content whose marks changed. Marks are Yjs format items: a `ContentFormat`
 * sets (or, with null, clears) one attribute for everything after it, so walking the items in order while
 * tracking the attributes in force "before" and "after" the transaction gives both views at once.
 *
 * This runs for every update on the hot path, so the walk stops once it has passed every item the
 * transaction touched — unless a format item changed, which can change the marks of everything after it.
 */
import * as Y from 'yjs'
import type { Marks, TextChange } from '../../../workflows/rules/suggestions.js'

/** An item written by this transaction (its clock lies beyond the state before it). */
export function isAddedIn(tr: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
}

export function isDeletedIn(tr: Y.Transaction, item: Y.Item): boolean {
  return item.deleted && Y.isDeleted(tr.deleteSet, item.id)
}

export interface TextWalk {
  changes: TextChange[]
  /** Content other than characters and marks (embeds, nested types) added or removed. */
  foreignContent: boolean
}

/**
 * @param touched how many items of this text the transaction added or deleted (from the caller's pass over
 *   the transaction); the walk may stop after seeing them all.
 */
export function textChanges(text: Y.XmlText, tr: Y.Transaction, touched: number): TextWalk {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  const changes: TextChange[] = []
  let foreignContent = false
  let formatsChanged = false
  let unseen = touched
  for (let item = text._start; item !== null; item = item.right) {
    if (unseen <= 0 && !formatsChanged) break
    const added = isAddedIn(tr, item)
    const deletedNow = !added && isDeletedIn(tr, item)
    if (added || deletedNow) unseen -= 1
    const existedBefore = !added && (!item.deleted || deletedNow)
    const existsAfter = !item.deleted
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content
      if (existedBefore) setAttribute(before, key, value)
      if (existsAfter) setAttribute(after, key, value)
      if (existedBefore !== existsAfter) formatsChanged = true
      continue
    }
    if (!item.countable || item.content instanceof Y.ContentDeleted) continue
    const isCharacters = item.content instanceof Y.ContentString
    if (added && existsAfter) {
      if (!isCharacters) foreignContent = true
      changes.push({ kind: 'insert', marks: { ...after }, inherited: { ...before } })
    } else if (existedBefore && !existsAfter) {
      if (!isCharacters) foreignContent = true
      changes.push({ kind: 'delete', marks: { ...before } })
    } else if (formatsChanged && existedBefore && existsAfter && !sameMarks(before, after)) {
      changes.push({ kind: 'remark', before: { ...before }, after: { ...after } })
    }
  }
  return { changes, foreignContent }
}

function setAttribute(marks: Record<string, unknown>, key: string, value: unknown): void {
  if (value === null) delete marks[key]
  else marks[key] = value
}

/** Values come from the same format items when unchanged, so identity settles almost every comparison. */
function sameMarks(a: Marks, b: Marks): boolean {
  const keys = Object.keys(a)
  if (keys.length !== Object.keys(b).length) return false
  return keys.every(
    (key) => key in b && (a[key] === b[key] || JSON.stringify(a[key]) === JSON.stringify(b[key])),
  )
}
