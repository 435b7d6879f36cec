/**
 * @module Suggest mode: while the participant may change the text only by suggestion, every local edit to
 * the text is turned into one and written straight into Yjs by `SuggestionWriter` (workflows/suggestions/
 * writer.ts, which says what is written and why). Enter proposes a paragraph, Backspace at a paragraph's start
 * a join, a paste of several paragraphs one proposal; other edits a suggestion-only writer cannot make
 * (other structural changes) do nothing, and bold or italic on words already there is refused with a message.
 */
import { Extension } from '@tiptap/core'
import type { Mark, Node as ProseMirrorNode, Slice } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { AddMarkStep, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform'
import type { EditorView } from '@tiptap/pm/view'
import { absolutePositionToRelativePosition, ySyncPluginKey, yUndoPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import type { UndoManager } from 'yjs'
import type { BodyAccess } from '../../../workflows/rules/rulebook.js'
import { suggestionKindOf, type Author } from '../../../workflows/rules/suggestions.js'
import { markAttributeKey } from '../../../workflows/document/mark-keys.js'
import { SuggestionWriter, textOf, type Piece } from '../../../workflows/suggestions/writer.js'
import { mintParagraphId } from './paragraph-identity.js'
import { t } from '../i18n.js'

export interface SuggestModeOptions {
  access: () => BodyAccess
  /**
   * Whom new suggestions name, asked at each edit: the participant and its delegation, or — the secretariat or the
   * chair typing an oral proposal — the delegation holding the floor.
   */
  author: () => Author
  /** Tells the writer why an edit was not made. */
  report: (message: string) => void
}

export const suggestModeKey = new PluginKey('suggestMode')

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

/** A text's own formatting as Yjs attributes (suggestion marks are the writer's business, not the text's). */
export function formattingOf(marks: readonly Mark[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {}
  for (const mark of marks)
    if (suggestionKindOf(mark.type.name) === null) attributes[markAttributeKey(mark)] = mark.attrs
  return attributes
}

/** A pasted slice as paragraphs of pieces with their formatting (whatever else it held is not kept). */
function paragraphsOf(slice: Slice): Piece[][] {
  const piecesOf = (node: ProseMirrorNode): Piece[] => {
    const pieces: Piece[] = []
    node.descendants((child) => {
      if (child.isText) pieces.push({ text: child.text!, attributes: formattingOf(child.marks) })
      return true
    })
    return pieces
  }
  const paragraphs: Piece[][] = []
  slice.content.forEach((node) => {
    if (node.isTextblock) paragraphs.push(piecesOf(node))
    else if (node.isText) {
      if (paragraphs.length === 0) paragraphs.push([])
      paragraphs.at(-1)!.push({ text: node.text!, attributes: formattingOf(node.marks) })
    } else paragraphs.push(piecesOf(node))
  })
  return paragraphs
}

interface SyncState {
  binding: { mapping: Map<unknown, unknown> }
  doc: Y.Doc
  type: Y.XmlFragment
}

export const SuggestMode = Extension.create<SuggestModeOptions>({
  name: 'suggestMode',

  addOptions() {
    return {
      access: () => 'read' as BodyAccess,
      author: () => ({ delegation: '', participant: '' }),
      report: () => undefined,
    }
  },

  addProseMirrorPlugins() {
    const { access, author, report } = this.options
    const editor = this.editor
    const writer = new SuggestionWriter({
      // Read on every edit (the writer asks its context each time), so that typing for a speaker takes effect at once.
      get author() {
        return author()
      },
      newId: newSuggestionId,
      newParagraphId: mintParagraphId,
      now: () => new Date().toISOString(),
    })

    /** The XmlText holding a text block's inline content, and the character index of a position in it. */
    function locate(state: EditorState, pos: number): { text: Y.XmlText; index: number } | null {
      const sync = ySyncPluginKey.getState(state) as SyncState | undefined
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
      const sync = ySyncPluginKey.getState(state) as SyncState | undefined
      if (!sync) return
      let cursor = step.from
      sync.doc.transact(() => {
        const start = locate(state, step.from)
        if (!start) return
        const pieces: Piece[] = []
        step.slice.content.descendants((node) => {
          if (node.isText) pieces.push({ text: node.text!, attributes: formattingOf(node.marks) })
          return true
        })
        const { kept, inserted } = writer.replace(
          start.text,
          start.index,
          start.index + (step.to - step.from),
          pieces,
        )
        cursor = step.from + (backward === true ? 0 : kept + inserted)
      }, ySyncPluginKey)
      const doc = view.state.doc
      view.dispatch(
        view.state.tr
          .setSelection(TextSelection.create(doc, Math.min(cursor, doc.content.size)))
          .setMeta(suggestModeKey, true),
      )
    }

    /** The Y.XmlElement of the paragraph holding the selection, and the caret's offset in it. */
    function paragraphAt(view: EditorView) {
      const { $from } = view.state.selection
      const paragraph = $from.depth >= 1 ? $from.node(1) : null
      const sync = ySyncPluginKey.getState(view.state) as SyncState | undefined
      if (!paragraph || paragraph.type.name !== 'paragraph' || !sync) return null
      const element = sync.type
        .toArray()
        .find(
          (n): n is Y.XmlElement => n instanceof Y.XmlElement && n.getAttribute('id') === paragraph.attrs.id,
        )
      if (!element) return null
      return {
        sync,
        element,
        offset: $from.parentOffset,
        atEnd: $from.parentOffset === paragraph.content.size,
      }
    }

    function moveCursorToParagraph(view: EditorView, id: string, offset: number): void {
      let target: number | null = null
      view.state.doc.forEach((node, pos) => {
        if (node.attrs.id === id) target = pos + 1 + Math.min(offset, node.content.size)
      })
      if (target !== null) {
        view.dispatch(
          view.state.tr
            .setSelection(TextSelection.create(view.state.doc, target))
            .setMeta(suggestModeKey, true),
        )
      }
    }

    function proposeParagraphAfter(view: EditorView): void {
      const at = paragraphAt(view)
      if (!at || !view.state.selection.empty) return
      let created: Y.XmlElement | null = null
      at.sync.doc.transact(() => {
        created = writer.proposeParagraphAfter(at.sync.type, at.element, at.atEnd ? null : at.offset)
      }, ySyncPluginKey)
      if (created) moveCursorToParagraph(view, String((created as Y.XmlElement).getAttribute('id')), 0)
    }

    function proposeJoin(view: EditorView): boolean {
      const at = paragraphAt(view)
      if (!at || !view.state.selection.empty || at.offset !== 0) return false
      const index = at.sync.type.toArray().indexOf(at.element)
      if (index <= 0) return false
      let caret: { paragraph: Y.XmlElement; offset: number } | null = null
      at.sync.doc.transact(() => {
        caret = writer.proposeJoin(at.sync.type, at.element)
      }, ySyncPluginKey)
      const target = caret as { paragraph: Y.XmlElement; offset: number } | null
      if (target) moveCursorToParagraph(view, String(target.paragraph.getAttribute('id')), target.offset)
      return true
    }

    function pasteParagraphs(view: EditorView, paragraphs: Piece[][]): void {
      const at = paragraphAt(view)
      if (!at) return
      const { $from, $to, from, to } = view.state.selection
      let caret: { id: string; offset: number } | null = null
      at.sync.doc.transact(() => {
        let offset = at.offset
        const text = textOf(at.element)
        // Pasting over selected words proposes deleting them first, as typing over them does.
        if (to > from && text && $from.sameParent($to))
          offset += writer.replace(text, offset, offset + (to - from), []).kept
        const last = writer.paste(at.sync.type, at.element, offset, paragraphs)
        caret = {
          id: String(last.getAttribute('id')),
          offset: paragraphs.at(-1)!.reduce((n, p) => n + p.text.length, 0),
        }
      }, ySyncPluginKey)
      const target = caret as { id: string; offset: number } | null
      if (target) moveCursorToParagraph(view, target.id, target.offset)
    }

    /**
     * Undo groups typing as ProseMirror's history does (a burst of typing is one step, 500 ms apart starts a
     * new one). The Yjs binding ends the undo manager's current group on every view update that adds nothing to
     * history — such as the caret plugin's presence updates after each keystroke — which in suggest mode made
     * every character its own step. In suggest mode only this plugin writes, so it decides where steps end:
     * around each proposed paragraph, split, join and paste.
     */
    let endUndoStep: () => void = () => undefined
    function groupUndoSteps(view: EditorView): void {
      const undoManager = (yUndoPluginKey.getState(view.state) as { undoManager?: UndoManager } | undefined)
        ?.undoManager
      if (!undoManager) return
      const stopCapturing = undoManager.stopCapturing.bind(undoManager)
      endUndoStep = stopCapturing
      undoManager.stopCapturing = () => {
        if (access() !== 'suggest') stopCapturing()
      }
    }
    const asOneStep = (write: () => void) => {
      endUndoStep()
      write()
      endUndoStep()
    }

    return [
      new Plugin({
        key: suggestModeKey,
        view: (view) => {
          groupUndoSteps(view)
          return {}
        },
        props: {
          // Several paragraphs pasted become one proposal: words at the caret, new paragraphs after (one line
          // pasted is typing, handled below as any inline change).
          handlePaste: (view, _event, slice) => {
            if (access() !== 'suggest') return false
            const paragraphs = paragraphsOf(slice)
            if (paragraphs.length <= 1) return false
            asOneStep(() => pasteParagraphs(view, paragraphs))
            return true
          },
          handleKeyDown: (view, event) => {
            if (access() !== 'suggest' || event.isComposing) return false
            if (event.key === 'Enter' && !event.shiftKey) {
              asOneStep(() => proposeParagraphAfter(view))
              return true
            }
            if (event.key === 'Backspace') {
              let joined = false
              asOneStep(() => (joined = proposeJoin(view)))
              return joined
            }
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
          } else if (steps.some((step) => step instanceof AddMarkStep || step instanceof RemoveMarkStep)) {
            // Formatting words already there is not a suggestion Accord can track yet: said, never ignored.
            report(t('notice.formatting'))
          }
          return false
        },
      }),
    ]
  },
})
