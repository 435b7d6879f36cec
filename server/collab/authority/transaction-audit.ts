/**
 * @module Judges a finished transaction that applied one client update, before anything is stored or
 * relayed: which shared types it touched (only `body` is writable by clients), and — for the body — every
 * change against the sender's access. Runs in `afterTransaction`, when the transaction's delete set and
 * inserted items are final and the content of deleted items is still readable.
 */
import * as Y from 'yjs'
import { BODY, SERVER_ONLY_PARAGRAPH_ATTRIBUTES } from '../../../workflows/document/format.js'
import { markValueProblem } from '../../../workflows/document/values.js'
import { declarationSchema } from '../../../workflows/document/schema.js'
import type { BodyAccess } from '../../../workflows/rules/rulebook.js'
import {
  checkAttribution,
  checkSuggestedChange,
  claimedMarks,
  isAuthoredBy,
  mayWithdraw,
  type Author,
  type TextChange,
  type Verdict,
} from '../../../workflows/rules/suggestions.js'
import { proposalOf } from '../../../workflows/suggestions/runs.js'
import { isBracketKey } from '../../../workflows/brackets/brackets.js'
import { isAddedIn, isDeletedIn, textChanges } from './text-changes.js'
import { addedItems, formatVerdict } from './format-check.js'
import type { SuggestionOwners } from './suggestion-owners.js'

const OK: Verdict = { ok: true }
const refuse = (refused: string): Verdict => ({ ok: false, refused })

/** The types whose direct children or attributes this transaction added or deleted, with how many items. */
function touchedTypes(tr: Y.Transaction, doc: Y.Doc): Map<Y.AbstractType<unknown>, number> {
  const types = new Map<Y.AbstractType<unknown>, number>()
  const note = (struct: Y.Item | Y.GC) => {
    if (!(struct instanceof Y.Item)) return
    const parent = struct.parent as Y.AbstractType<unknown>
    types.set(parent, (types.get(parent) ?? 0) + 1)
  }
  for (const [client, afterClock] of tr.afterState) {
    const beforeClock = tr.beforeState.get(client) ?? 0
    if (afterClock <= beforeClock) continue
    const structs = doc.store.clients.get(client)!
    for (let i = Y.findIndexSS(structs, beforeClock); i < structs.length; i++) note(structs[i]!)
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, note)
  return types
}

function rootName(type: Y.AbstractType<unknown>): string {
  let root = type
  while (root._item !== null) root = root._item.parent as Y.AbstractType<unknown>
  return Y.findRootTypeKey(root)
}

/** Children and attributes of an element or fragment that this transaction added or deleted. */
function structuralChanges(type: Y.AbstractType<unknown>, tr: Y.Transaction) {
  const children: Y.Item[] = []
  for (let item = type._start; item !== null; item = item.right) {
    if (isAddedIn(tr, item) !== isDeletedIn(tr, item)) children.push(item)
  }
  // An attribute counts as changed when its value did; the binding and undo sometimes re-set a value unchanged.
  const attributes = new Set<string>()
  for (const [key, item] of type._map) {
    for (let entry: Y.Item | null = item; entry !== null; entry = entry.left) {
      if (!isAddedIn(tr, entry) && !isDeletedIn(tr, entry)) continue
      if (
        isNewElement(type, tr) ||
        JSON.stringify(attributeBefore(type, key, tr)) !== JSON.stringify(attributeNow(type, key, tr))
      ) {
        attributes.add(key)
      }
      break
    }
  }
  return { children, attributes }
}

/** An element created by this transaction (a new paragraph), as opposed to one that existed before. */
function isNewElement(type: Y.AbstractType<unknown>, tr: Y.Transaction): boolean {
  return type._item !== null && isAddedIn(tr, type._item)
}

/**
 * Server-only paragraph attributes (the status the chair sets) are never written by a client — except that a
 * paragraph a direct editor creates starts with the default status.
 */
function serverOnlyAttributeChanged(
  type: Y.AbstractType<unknown>,
  tr: Y.Transaction,
  changed: Set<string>,
): string | undefined {
  const isNew = isNewElement(type, tr)
  const found = SERVER_ONLY_PARAGRAPH_ATTRIBUTES.find(
    (key) => changed.has(key) && !(isNew && (type as Y.XmlElement).getAttribute(key) === 'open'),
  )
  return found
}

export function auditTransaction(
  tr: Y.Transaction,
  doc: Y.Doc,
  access: BodyAccess,
  author: Author,
  writableRoot: string = BODY,
  owners?: SuggestionOwners,
): Verdict {
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    return refuse('the update depends on changes the server does not have')
  }
  const types = touchedTypes(tr, doc)
  for (const type of types.keys()) {
    const root = rootName(type)
    if (root !== writableRoot) return refuse(`only the server writes "${root}"`)
  }
  if (writableRoot === BODY && types.size > 0) {
    const added = addedItems(tr, doc)
    const body = doc.getXmlFragment(BODY)
    const format = formatVerdict(tr, added, body)
    if (!format.ok) return format
    const ids = owners?.verify(tr, added, body) ?? OK
    if (!ids.ok) return ids
  }
  if (types.size > 0 && access === 'read')
    return refuse('read-only: this participant may not change the text')
  for (const [type, touched] of types) {
    // Words inside a paragraph this transaction removes go with it; whether it may be removed is judged on the
    // paragraph (a delegation may withdraw its own proposed paragraph with whatever was typed into it, as the
    // chair's rejection would take it).
    if (type instanceof Y.XmlText && removedWithItsParagraph(type, tr)) continue
    const verdict =
      type instanceof Y.XmlText
        ? auditText(type, tr, touched, access, author)
        : auditStructure(type, tr, access, author)
    if (!verdict.ok) return verdict
  }
  return OK
}

function removedWithItsParagraph(text: Y.XmlText, tr: Y.Transaction): boolean {
  const paragraph = text.parent
  return paragraph instanceof Y.XmlElement && paragraph._item !== null && isDeletedIn(tr, paragraph._item)
}

/** The binding stores overlapping marks as `name--<8 characters>`; anything else must be a plain mark name. */
const HASHED_MARK_KEY = /--[a-zA-Z0-9+/=]{8}$/

function unknownMark(marks: Record<string, unknown>): string | undefined {
  return Object.keys(marks).find((key) => !(key.replace(HASHED_MARK_KEY, '') in declarationSchema.marks))
}

/**
 * Brackets are written by the server only. Words typed inside a bracket carry it (the editor keeps the marks in
 * force there); anything else — a new bracket, a changed or lifted one — is refused.
 */
function bracketVerdict(change: TextChange): Verdict {
  const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)
  if (change.kind === 'insert') {
    for (const [key, value] of Object.entries(change.marks)) {
      if (isBracketKey(key) && !same(change.inherited?.[key], value))
        return refuse('brackets are set by the server, through the API')
    }
  } else if (change.kind === 'remark') {
    for (const key of new Set([...Object.keys(change.before), ...Object.keys(change.after)])) {
      if (isBracketKey(key) && !same(change.before[key], change.after[key]))
        return refuse('brackets are set by the server, through the API')
    }
  }
  return OK
}

function auditText(
  text: Y.XmlText,
  tr: Y.Transaction,
  touched: number,
  access: BodyAccess,
  author: Author,
): Verdict {
  const { changes, foreignContent } = textChanges(text, tr, touched)
  if (foreignContent && access !== 'edit') return refuse('only text can be suggested inside a paragraph')
  for (const change of changes) {
    const unknown =
      change.kind === 'insert'
        ? unknownMark(change.marks)
        : change.kind === 'remark'
          ? unknownMark(change.after)
          : undefined
    if (unknown !== undefined) return refuse(`"${unknown}" is not a mark of the document format`)
    const written =
      change.kind === 'insert'
        ? newlySet(change.inherited ?? {}, change.marks)
        : change.kind === 'remark'
          ? newlySet(change.before, change.after)
          : {}
    for (const [key, value] of Object.entries(written)) {
      const problem = markValueProblem(key, value)
      if (problem !== undefined) return refuse(problem)
    }
    const brackets = bracketVerdict(change)
    if (!brackets.ok) return brackets
    const verdict =
      access === 'suggest'
        ? checkSuggestedChange(change, author)
        : change.kind === 'insert'
          ? checkAttribution(claimedMarks(change), author)
          : change.kind === 'remark'
            ? checkAttribution(addedMarks(change.before, change.after), author)
            : OK
    if (!verdict.ok) return verdict
  }
  return OK
}

/** The marks whose values differ from those in force before: what the writer set. */
function newlySet(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => before[key] !== value))
}

function addedMarks(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(after).filter(([key, value]) => JSON.stringify(before[key]) !== JSON.stringify(value)),
  )
}

/** An attribute's value before this transaction (from the map entry that existed before it), or null. */
function attributeBefore(type: Y.AbstractType<unknown>, key: string, tr: Y.Transaction): unknown {
  for (let entry: Y.Item | null = type._map.get(key) ?? null; entry !== null; entry = entry.left) {
    if (isAddedIn(tr, entry)) continue
    if (entry.deleted && !isDeletedIn(tr, entry)) return null
    return entry.content.getContent().at(-1) ?? null
  }
  return null
}

/**
 * An attribute's change as its writer made it, on the writer's own view: the value the writer replaced (the
 * map entry its new entry follows, or the entry it deleted) and the value it wrote (null for a removal). Not
 * the values before and after on the server, which may include another writer's concurrent change to the same
 * attribute — Yjs then keeps one of the two, and neither writer forged anything.
 */
function attributeAsWritten(
  type: Y.AbstractType<unknown>,
  key: string,
  tr: Y.Transaction,
): { before: unknown; after: unknown } {
  const valueOf = (item: Y.Item) => item.content.getContent().at(-1) ?? null
  for (let entry: Y.Item | null = type._map.get(key) ?? null; entry !== null; entry = entry.left) {
    if (!isAddedIn(tr, entry)) continue
    if (entry.origin === null) return { before: null, after: valueOf(entry) }
    const replaced = Y.getItem(tr.doc.store, entry.origin)
    const seen = replaced instanceof Y.Item && !(replaced.deleted && !isDeletedIn(tr, replaced))
    return { before: seen ? valueOf(replaced) : null, after: valueOf(entry) }
  }
  for (let entry: Y.Item | null = type._map.get(key) ?? null; entry !== null; entry = entry.left)
    if (isDeletedIn(tr, entry)) return { before: valueOf(entry), after: null }
  return { before: attributeBefore(type, key, tr), after: attributeNow(type, key, tr) }
}

/** An attribute's value now, also for an element deleted by this transaction (its content is still there). */
function attributeNow(type: Y.AbstractType<unknown>, key: string, tr: Y.Transaction): unknown {
  const entry = type._map.get(key)
  if (!entry) return null
  if (entry.deleted && !(type._item?.deleted && isDeletedIn(tr, entry))) return null
  return entry.content.getContent().at(-1) ?? null
}

/**
 * Paragraph-level changes. A direct editor may restructure freely. A suggestion-only writer may:
 * - add or remove the text container inside a paragraph (the binding does so for a paragraph's first or last
 *   character) — the characters themselves are judged by the text audit;
 * - propose a new paragraph: one that carries an insertion proposal naming the writer (its words must be the
 *   writer's insertions), and remove such a paragraph of its own delegation again;
 * - propose deleting a paragraph (a deletion proposal naming the writer), and withdraw its delegation's one.
 */
function auditStructure(
  type: Y.AbstractType<unknown>,
  tr: Y.Transaction,
  access: BodyAccess,
  author: Author,
): Verdict {
  const { children, attributes } = structuralChanges(type, tr)
  const serverOnly = type._item === null ? undefined : serverOnlyAttributeChanged(type, tr, attributes)
  if (serverOnly !== undefined)
    return refuse(`only the chair changes a paragraph's ${serverOnly}, through the server`)
  for (const child of children) {
    const node = child.content instanceof Y.ContentType ? child.content.type : null
    if (isAddedIn(tr, child) && node instanceof Y.XmlElement && !(node.nodeName in declarationSchema.nodes)) {
      return refuse(`"${node.nodeName}" is not a node of the document format`)
    }
  }
  if (access === 'edit') return OK
  if (attributes.size > 0 && !isNewElement(type, tr)) {
    for (const key of attributes) {
      if (key !== 'proposal')
        return refuse('paragraph attributes can only be changed by the chair or secretariat in draft')
      // Judged as the writer saw it: another delegation may have set or lifted a proposal here meanwhile.
      const { before: was, after: now } = attributeAsWritten(type, key, tr)
      const before = proposalOf(was)
      const proposal = proposalOf(now)
      const proposes = !before && proposal?.kind === 'deletion' && isAuthoredBy(now, author)
      const withdraws = !proposal && before?.kind === 'deletion' && mayWithdraw(before, author)
      if (!proposes && !withdraws)
        return refuse(
          'a paragraph can only be proposed for deletion in your own name, or your proposal withdrawn',
        )
    }
  }
  for (const child of children) {
    const node = child.content instanceof Y.ContentType ? child.content.type : null
    if (node instanceof Y.XmlText) continue
    const isParagraph = node instanceof Y.XmlElement && node.nodeName === 'paragraph' && type._item === null
    const proposal = isParagraph
      ? attributeNow(node as unknown as Y.AbstractType<unknown>, 'proposal', tr)
      : null
    if (
      isAddedIn(tr, child) &&
      isParagraph &&
      proposalOf(proposal)?.kind === 'insertion' &&
      isAuthoredBy(proposal, author)
    )
      continue
    if (
      isDeletedIn(tr, child) &&
      isParagraph &&
      proposalOf(proposal)?.kind === 'insertion' &&
      mayWithdraw(proposal, author)
    ) {
      continue
    }
    return refuse('paragraphs can only be added as your own proposal, or removed when they are your proposal')
  }
  return OK
}

/** The paragraphs whose words this (accepted) transaction changed: their agreement, if any, no longer holds. */
export function paragraphsWithChangedText(tr: Y.Transaction, doc: Y.Doc): Y.XmlElement[] {
  const paragraphs = new Set<Y.XmlElement>()
  for (const type of touchedTypes(tr, doc).keys()) {
    const parent = type instanceof Y.XmlText ? type.parent : null
    if (parent instanceof Y.XmlElement && parent.nodeName === 'paragraph') paragraphs.add(parent)
  }
  return [...paragraphs]
}
