/**
 * @module Holds every client update to the document format, whoever sends it (a direct editor too): only the
 * nodes, marks and attributes the format names, in the places it names them, with values of the documented
 * shape (workflows/document/values.ts). Judged on what the transaction added, so the cost follows the update,
 * not the document:
 * - the body holds titles (before the paragraphs) and paragraphs — nothing else, no attributes;
 * - a title or paragraph holds one text, and only the attributes of its kind; a paragraph's id is set when it
 *   is created, unique among the paragraphs, and never changed;
 * - a text holds characters and marks only (no embeds, no nested types, no attributes), each mark value of its
 *   mark's shape.
 * What the sender may do with these (suggest, edit) is judged apart, in transaction-audit.ts.
 */
import * as Y from 'yjs'
import { attributeValueProblem, markValueProblem } from '../../../workflows/document/values.js'
import type { Verdict } from '../../../workflows/rules/suggestions.js'
import { isAddedIn, isDeletedIn } from './text-changes.js'

const OK: Verdict = { ok: true }
const refuse = (refused: string): Verdict => ({ ok: false, refused })

/** Items this transaction added (the structs beyond each client's clock before it). */
export function addedItems(tr: Y.Transaction, doc: Y.Doc): Y.Item[] {
  const items: Y.Item[] = []
  for (const [client, afterClock] of tr.afterState) {
    const beforeClock = tr.beforeState.get(client) ?? 0
    if (afterClock <= beforeClock) continue
    const structs = doc.store.clients.get(client)!
    for (let i = Y.findIndexSS(structs, beforeClock); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct instanceof Y.Item) items.push(struct)
    }
  }
  return items
}

/** Checks what a transaction added to a declaration's body against the document format. */
export function formatVerdict(tr: Y.Transaction, added: readonly Y.Item[], body: Y.XmlFragment): Verdict {
  for (const item of added) {
    if (item.deleted && item.content instanceof Y.ContentDeleted) continue // arrived deleted: holds nothing
    const parent = item.parent
    const problem =
      parent === body
        ? bodyChildProblem(item, tr, body)
        : parent instanceof Y.XmlText
          ? textItemProblem(item)
          : parent instanceof Y.XmlElement && parent.parent === body
            ? elementItemProblem(item, parent, tr)
            : 'the body holds titles and paragraphs, and they hold text: nothing is nested deeper'
    if (problem !== undefined) return refuse(problem)
  }
  return OK
}

function typeOf(item: Y.Item): Y.AbstractType<unknown> | null {
  return item.content instanceof Y.ContentType ? item.content.type : null
}

function bodyChildProblem(item: Y.Item, tr: Y.Transaction, body: Y.XmlFragment): string | undefined {
  if (item.parentSub !== null) return 'the body has no attributes'
  const node = typeOf(item)
  if (!(node instanceof Y.XmlElement) || (node.nodeName !== 'title' && node.nodeName !== 'paragraph'))
    return 'the body holds only titles and paragraphs'
  if (item.deleted) return undefined
  if (node.nodeName === 'title') {
    for (let left = item.left; left !== null; left = left.left)
      if (!left.deleted && (typeOf(left) as Y.XmlElement | null)?.nodeName === 'paragraph')
        return 'the titles come before the paragraphs'
    return undefined
  }
  const id = node.getAttribute('id')
  if (typeof id !== 'string') return 'a new paragraph needs an id'
  for (let other = body._start; other !== null; other = other.right) {
    if (other === item || other.deleted) continue
    const element = typeOf(other)
    if (element instanceof Y.XmlElement && element.getAttribute('id') === id && isAddedIn(tr, item))
      return `paragraph id "${id}" is already used in this document`
  }
  return undefined
}

function elementItemProblem(item: Y.Item, element: Y.XmlElement, tr: Y.Transaction): string | undefined {
  const name = element.nodeName
  if (item.parentSub !== null) {
    const key = item.parentSub
    if (!(item.content instanceof Y.ContentAny) || item.content.arr.length !== 1)
      return `the ${name}'s ${key.slice(0, 40)} must be a plain value`
    const elementIsNew = element._item !== null && isAddedIn(tr, element._item)
    if (key === 'id' && !elementIsNew) return "a paragraph's id never changes"
    return attributeValueProblem(name, key, item.content.arr[0])
  }
  const text = typeOf(item)
  if (!(text instanceof Y.XmlText)) return `a ${name} holds only its text`
  if (item.deleted) return undefined
  // One text per paragraph. Two can meet only when two writers each gave an empty paragraph its first words at
  // once; a writer who saw the paragraph's text (it is this item's neighbour) adds to it instead.
  for (let other = element._start; other !== null; other = other.right) {
    if (other === item || other.deleted || !(typeOf(other) instanceof Y.XmlText)) continue
    const seen = Y.compareIDs(item.origin, other.lastId) || Y.compareIDs(item.rightOrigin, other.id)
    if (seen || (isAddedIn(tr, other) && !isDeletedIn(tr, other))) return `a ${name} holds one text`
  }
  return undefined
}

function textItemProblem(item: Y.Item): string | undefined {
  if (item.parentSub !== null) return "a paragraph's text carries no attributes"
  const content = item.content
  if (content instanceof Y.ContentString || content instanceof Y.ContentDeleted) return undefined
  if (content instanceof Y.ContentFormat) return markValueProblem(content.key, content.value)
  return 'a paragraph holds only characters and marks'
}
