/**
 * @module Suggest mode: while the participant may change the text only by suggestion, every local edit to
 * the text is turned into one, written straight into Yjs:
 * - inserted text gets an insertion mark naming the delegation and participant (continuing the writer's own
 *   adjacent insertion, so a phrase typed in one go is one suggestion);
 * - deleted text gets a deletion mark and stays — except text of the writer's own delegation's pending
 *   insertion, which really goes (that is how one corrects one's own proposal);
 * - edits a suggestion-only writer cannot make (formatting, splitting or joining paragraphs) do nothing;
 *   whole-paragraph suggestions come later.
 *
 * Why Yjs and not a ProseMirror transaction: the binding turns a changed paragraph into Yjs operations by a
 * plain-string diff, which cannot tell "insert r before the deleted r" from "insert r after it" — and the
 * second reading claims the existing character as the new one. Writing the operations ourselves, at exact
 * indexes, says precisely what changed; the binding then shows it, and undo tracks it, as usual. The server
 * checks all of it again.
 */
import { Extension } from '@tiptap/core'
import type { Mark, Node as ProseMirrorNode, Schema } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import type { EditorView } from '@tiptap/pm/view'
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { BodyAccess } from '../../../workflows/rules/rulebook.js'
import { suggestionKindOf, type Author } from '../../../workflows/rules/suggestions.js'
import { markAttributeKey } from '../../../workflows/document/mark-keys.js'
import { mintParagraphId } from './paragraph-identity.js'

export interface SuggestModeOptions {
  access: () => BodyAccess
  author: Author
}

const suggestModeKey = new PluginKey('suggestMode')

type Attributes = Record<string, unknown>
interface Run {
  start: number
  text: string
  attributes: Attributes
}

function newSuggestionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6))
  return `s-${Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('')}`
}

/** A step a suggestion-only writer can make: replacing inline content within one text block. */
function isInlineReplace(step: unknown, doc: ProseMirrorNode): step is ReplaceStep {
  if (!(step instanceof ReplaceStep)) return false
  const $from = doc.resolve(step.from)
  const $to = doc.resolve(step.to)
  if (!$from.sameParent($to) || !$from.parent.isTextblock) return false
  const { content, openStart, openEnd } = step.slice
  if (content.childCount === 0 || content.firstChild!.isInline) return true
  return content.childCount === 1 && openStart >= 1 && openEnd >= 1 && content.firstChild!.isTextblock
}

/** The characters of an XmlText as runs of equal attributes, with their start index. */
function runsOf(text: Y.XmlText): Run[] {
  const runs: Run[] = []
  let start = 0
  for (const op of text.toDelta() as { insert: unknown; attributes?: Attributes }[]) {
    const content = typeof op.insert === 'string' ? op.insert : '\ufffc'
    runs.push({ start, text: content, attributes: op.attributes ?? {} })
    start += content.length
  }
  return runs
}

function entryOf(attributes: Attributes, kind: 'insertion' | 'deletion', own: (value: unknown) => boolean) {
  return Object.entries(attributes).find(([key, value]) => suggestionKindOf(key) === kind && own(value))
}

export const SuggestMode = Extension.create<SuggestModeOptions>({
  name: 'suggestMode',

  addOptions() {
    return { access: () => 'read' as BodyAccess, author: { delegation: '', participant: '' } }
  },

  addProseMirrorPlugins() {
    const { access, author } = this.options
    const editor = this.editor
    const isOwn = (value: unknown) =>
      typeof value === 'object' &&
      value !== null &&
      (value as Author).delegation === author.delegation &&
      (value as Author).participant === author.participant
    const isOwnDelegation = (value: unknown) =>
      typeof value === 'object' && value !== null && (value as Author).delegation === author.delegation

    /**
     * An own suggestion of this kind touching [from, to), to continue; in one's own proposed paragraph, that
     * proposal (so the paragraph and its words are one suggestion); else a new one.
     */
    function suggestionNear(
      schema: Schema,
      text: Y.XmlText,
      runs: Run[],
      from: number,
      to: number,
      kind: 'insertion' | 'deletion',
    ) {
      const touching = runs.filter((r) => r.start + r.text.length === from || r.start === to)
      for (const run of touching) {
        const found = entryOf(run.attributes, kind, isOwn)
        if (found) return { key: found[0], value: found[1] }
      }
      const proposal: unknown =
        text.parent instanceof Y.XmlElement ? text.parent.getAttribute('proposal') : null
      if (kind === 'insertion' && isOwn(proposal) && (proposal as { kind?: string }).kind === 'insertion') {
        const { id, delegation, participant, at } = proposal as Record<string, unknown>
        const value = { id, delegation, participant, at }
        return { key: markAttributeKey(schema.marks.insertion!.create(value)), value }
      }
      const value = {
        id: newSuggestionId(),
        delegation: author.delegation,
        participant: author.participant,
        at: new Date().toISOString(),
      }
      return { key: markAttributeKey(schema.marks[kind]!.create(value)), value }
    }

    /** Text attributes for inserted text: its own formatting (not anyone's suggestion marks) plus the insertion. */
    function insertedAttributes(
      marks: readonly Mark[],
      insertion: { key: string; value: unknown },
    ): Attributes {
      const attributes: Attributes = {}
      for (const mark of marks) {
        if (suggestionKindOf(mark.type.name) === null) attributes[markAttributeKey(mark)] = mark.attrs
      }
      attributes[insertion.key] = insertion.value
      return attributes
    }

    /** The XmlText holding a text block's inline content, and the character index of a position in it. */
    function locate(state: EditorState, pos: number): { text: Y.XmlText; index: number } | null {
      const sync = ySyncPluginKey.getState(state) as
        { binding: { mapping: Map<unknown, unknown> }; doc: Y.Doc; type: Y.XmlFragment } | undefined
      if (!sync) return null
      const relative = absolutePositionToRelativePosition(pos, sync.type, sync.binding.mapping as never)
      const absolute = Y.createAbsolutePositionFromRelativePosition(relative, sync.doc)
      if (!absolute) return null
      if (absolute.type instanceof Y.XmlText) return { text: absolute.type, index: absolute.index }
      if (absolute.type instanceof Y.XmlElement && absolute.type.length === 0) {
        // An empty paragraph has no text container yet: create it (the binding does the same).
        const text = new Y.XmlText()
        absolute.type.insert(0, [text])
        return { text, index: 0 }
      }
      return null
    }

    function suggest(
      view: EditorView,
      state: EditorState,
      step: ReplaceStep,
      backward: boolean | null,
    ): void {
      const sync = ySyncPluginKey.getState(state) as { doc: Y.Doc } | undefined
      if (!sync) return
      let cursor = step.from
      sync.doc.transact(() => {
        const start = locate(state, step.from)
        if (!start) return
        const { text } = start
        const from = start.index
        const to = from + (step.to - step.from)
        const runs = runsOf(text)
        let kept = 0
        if (to > from) {
          const deletion = suggestionNear(state.schema, text, runs, from, to, 'deletion')
          const pieces = runs
            .map((run) => ({
              run,
              a: Math.max(from, run.start),
              b: Math.min(to, run.start + run.text.length),
            }))
            .filter(({ a, b }) => b > a)
          for (const { run, a, b } of pieces.reverse()) {
            if (entryOf(run.attributes, 'insertion', isOwnDelegation)) text.delete(a, b - a)
            else {
              kept += b - a
              if (!entryOf(run.attributes, 'deletion', isOwn))
                text.format(a, b - a, { [deletion.key]: deletion.value })
            }
          }
        }
        let at = from + kept
        const inserted: { text: string; marks: readonly Mark[] }[] = []
        step.slice.content.descendants((node) => {
          if (node.isText) inserted.push({ text: node.text!, marks: node.marks })
          return true
        })
        if (inserted.length > 0) {
          const insertion = suggestionNear(state.schema, text, runsOf(text), at, at, 'insertion')
          for (const piece of inserted) {
            text.insert(at, piece.text, insertedAttributes(piece.marks, insertion))
            at += piece.text.length
          }
        }
        const insertedLength = at - from - kept
        cursor = step.from + (backward === true ? 0 : kept + insertedLength)
      }, ySyncPluginKey)
      const doc = view.state.doc
      view.dispatch(
        view.state.tr
          .setSelection(TextSelection.create(doc, Math.min(cursor, doc.content.size)))
          .setMeta(suggestModeKey, true),
      )
    }

    /** The Y.XmlElement of the paragraph holding the selection, with its index and its text container. */
    function paragraphAt(view: EditorView) {
      const { $from } = view.state.selection
      const paragraph = $from.depth >= 1 ? $from.node(1) : null
      const sync = ySyncPluginKey.getState(view.state) as { doc: Y.Doc; type: Y.XmlFragment } | undefined
      if (!paragraph || paragraph.type.name !== 'paragraph' || !sync) return null
      const nodes = sync.type.toArray()
      const index = nodes.findIndex(
        (n) => n instanceof Y.XmlElement && n.getAttribute('id') === paragraph.attrs.id,
      )
      const element = nodes[index]
      if (!(element instanceof Y.XmlElement)) return null
      const text = element.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText) ?? null
      return { sync, paragraph, element, index, text, offset: $from.parentOffset }
    }

    function newProposal(kind: 'insertion' | 'deletion', operation?: 'split' | 'join') {
      const proposal: Record<string, unknown> = {
        id: newSuggestionId(),
        kind,
        delegation: author.delegation,
        participant: author.participant,
        at: new Date().toISOString(),
      }
      if (operation) proposal.operation = operation
      return proposal
    }

    /** The insertion mark (key and value) that goes with a proposal: same id, so the pair is one suggestion. */
    function insertionFor(schema: Schema, proposal: Record<string, unknown>) {
      const { id, delegation, participant, at } = proposal
      const value = { id, delegation, participant, at }
      return { key: markAttributeKey(schema.marks.insertion!.create(value)), value }
    }

    /** The words of a text from `from` on, as runs with their own formatting (suggestion marks left out). */
    function wordsFrom(
      text: Y.XmlText | null,
      from: number,
    ): { insert: string; attributes: Record<string, unknown> }[] {
      if (!text) return []
      const out: { insert: string; attributes: Record<string, unknown> }[] = []
      let index = 0
      for (const run of runsOf(text)) {
        const start = Math.max(from, index)
        const end = index + run.text.length
        if (end > start) {
          const attributes = Object.fromEntries(
            Object.entries(run.attributes).filter(([key]) => suggestionKindOf(key) === null),
          )
          out.push({ insert: run.text.slice(start - index, end - index), attributes })
        }
        index = end
      }
      return out
    }

    function moveCursorToParagraph(view: EditorView, id: string, where: 'start' | 'end', offset = 0): void {
      let target: number | null = null
      view.state.doc.forEach((node, pos) => {
        if (node.attrs.id === id) target = where === 'start' ? pos + 1 : pos + 1 + offset
      })
      if (target !== null) {
        view.dispatch(
          view.state.tr
            .setSelection(TextSelection.create(view.state.doc, target))
            .setMeta(suggestModeKey, true),
        )
      }
    }

    /**
     * Enter proposes a new paragraph after this one. At the end of the paragraph it starts empty; in the middle
     * it is a split: the words after the cursor are proposed for deletion here and, with the same suggestion,
     * as the new paragraph's words — accepting the one suggestion splits the paragraph, rejecting it undoes both.
     */
    function proposeParagraphAfter(view: EditorView): void {
      const at = paragraphAt(view)
      if (!at || !view.state.selection.empty) return
      const { sync, paragraph, element, index, text, offset } = at
      const atEnd = offset === paragraph.content.size
      const id = mintParagraphId()
      const proposal = newProposal('insertion', atEnd ? undefined : 'split')
      const schema = view.state.schema
      sync.doc.transact(() => {
        const moved = atEnd ? [] : wordsFrom(text, offset)
        if (text && !atEnd) {
          const deletion = {
            key: markAttributeKey(schema.marks.deletion!.create(insertionFor(schema, proposal).value)),
            value: insertionFor(schema, proposal).value,
          }
          text.format(offset, text.length - offset, { [deletion.key]: deletion.value })
        }
        const created = new Y.XmlElement('paragraph')
        created.setAttribute('id', id)
        created.setAttribute('kind', String(paragraph.attrs.kind))
        created.setAttribute('status', 'open')
        created.setAttribute('proposal', proposal as unknown as string)
        if (moved.length > 0) {
          const words = new Y.XmlText()
          const insertion = insertionFor(schema, proposal)
          let i = 0
          for (const run of moved) {
            words.insert(i, run.insert, { ...run.attributes, [insertion.key]: insertion.value })
            i += run.insert.length
          }
          created.insert(0, [words])
        }
        sync.type.insert(index + 1, [created])
        void element
      }, ySyncPluginKey)
      moveCursorToParagraph(view, id, 'start')
    }

    /**
     * Backspace at the start of a paragraph proposes joining it to the previous one: the paragraph is proposed
     * for deletion and its words, with the same suggestion, as an insertion at the end of the previous one. In an
     * empty paragraph of one's own proposal, it simply takes the proposal back.
     */
    function proposeJoin(view: EditorView): boolean {
      const at = paragraphAt(view)
      if (!at || !view.state.selection.empty || at.offset !== 0 || at.index === 0) return false
      const { sync, element, index, text } = at
      const current = element.getAttribute('proposal') as unknown
      if (
        isOwn(current) &&
        (current as { kind?: string }).kind === 'insertion' &&
        (!text || text.length === 0)
      ) {
        const previous = sync.type.get(index - 1)
        sync.doc.transact(() => sync.type.delete(index, 1), ySyncPluginKey)
        if (previous instanceof Y.XmlElement)
          moveCursorToParagraph(
            view,
            String(previous.getAttribute('id')),
            'end',
            previous.toArray().reduce((n, t) => n + (t instanceof Y.XmlText ? t.length : 0), 0),
          )
        return true
      }
      const previous = sync.type.get(index - 1)
      if (!(previous instanceof Y.XmlElement) || previous.nodeName !== 'paragraph' || current) return true
      const schema = view.state.schema
      const proposal = newProposal('deletion', 'join')
      const previousText = previous.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText)
      const end = previousText?.length ?? 0
      sync.doc.transact(() => {
        const moved = wordsFrom(text, 0)
        element.setAttribute('proposal', proposal as unknown as string)
        let target = previousText
        if (!target) {
          target = new Y.XmlText()
          previous.insert(0, [target])
        }
        const insertion = insertionFor(schema, proposal)
        let i = end
        for (const run of moved) {
          target.insert(i, run.insert, { ...run.attributes, [insertion.key]: insertion.value })
          i += run.insert.length
        }
      }, ySyncPluginKey)
      moveCursorToParagraph(view, String(previous.getAttribute('id')), 'end', end)
      return true
    }

    return [
      new Plugin({
        key: suggestModeKey,
        props: {
          handleKeyDown: (view, event) => {
            if (access() !== 'suggest' || event.isComposing) return false
            if (event.key === 'Enter' && !event.shiftKey) {
              proposeParagraphAfter(view)
              return true
            }
            if (event.key === 'Backspace') return proposeJoin(view)
            return false
          },
        },
        filterTransaction: (tr: Transaction, state: EditorState) => {
          if (
            access() !== 'suggest' ||
            !tr.docChanged ||
            tr.getMeta(ySyncPluginKey) ||
            tr.getMeta(suggestModeKey)
          )
            return true
          const steps = tr.steps.filter(
            (step) => !(step instanceof ReplaceStep && step.from === step.to && step.slice.size === 0),
          )
          if (steps.length === 1 && isInlineReplace(steps[0], state.doc)) {
            const step = steps[0]
            const selection = state.selection
            const backward = selection.empty ? selection.from === step.to && step.slice.size === 0 : null
            // Apply after this dispatch returns: the binding dispatches the resulting change itself.
            queueMicrotask(() => {
              if (editor.view.state === state) suggest(editor.view, state, step, backward)
            })
          }
          return false
        },
      }),
    ]
  },
})
