/**
 * @module Shows each paragraph's number (PP1 …, OP1 …) in the margin. Numbers are computed from the
 * document and the server's number basis (the Y.Doc's `numbers` map: during a negotiation numbers do not move)
 * on every change that could move one (`numberParagraphs`), and shown as the paragraph element's `data-number` (drawn by
 * CSS): they are never part of the text, so nobody can type over them and they can never disagree with the
 * order of the paragraphs.
 *
 * Why not node decorations (as before issue 15): ProseMirror looks for every child's decorations among all of
 * its parent's, so 2,000 numbering decorations made each view update cost 2,000 × 2,000 steps — the largest
 * single cost of a remote keystroke on a 200-page text. Instead each paragraph is drawn by a small node view
 * that writes its own number, and only when the numbers change (a paragraph added, removed, accepted) does the
 * plugin's view walk the paragraphs to write the new ones.
 */
import { Extension } from '@tiptap/core'
import { DOMSerializer, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import type { EditorView, NodeView } from '@tiptap/pm/view'
import { isParagraphKind } from '../../../workflows/document/format.js'
import { DeclarationParagraph } from '../../../workflows/document/nodes.js'
import {
  numberParagraphs,
  type NumberBasis,
  type NumberedParagraph as ParagraphToNumber,
} from '../../../workflows/document/numbering.js'
import type * as Y from 'yjs'

export interface Numbering {
  /** Each paragraph's label, in document order. */
  labels: readonly string[]
  /** The same, by paragraph id. */
  byId: ReadonlyMap<string, string>
}

export const paragraphNumberingKey = new PluginKey<Numbering>('paragraphNumbering')

/** Set on a transaction when the server's number basis changed (a renumbering, a paragraph accepted). */
export const NUMBERS_CHANGED = 'numbersChanged'

export function numberingOf(doc: ProseMirrorNode, basis: NumberBasis): Numbering {
  const paragraphs: ParagraphToNumber[] = []
  doc.forEach((node) => {
    if (node.type.name !== 'paragraph') return
    const kind = node.attrs.kind as unknown
    const proposed = (node.attrs.proposal as { kind?: string } | null)?.kind === 'insertion'
    paragraphs.push({ id: String(node.attrs.id), kind: isParagraphKind(kind) ? kind : 'operative', proposed })
  })
  const labels = numberParagraphs(paragraphs, basis)
  return { labels, byId: new Map(paragraphs.map((p, i) => [p.id!, labels[i]!])) }
}

/** What numbering reads of a paragraph. */
const numberedAttributesEqual = (a: ProseMirrorNode, b: ProseMirrorNode) =>
  a.type === b.type &&
  a.attrs.id === b.attrs.id &&
  a.attrs.kind === b.attrs.kind &&
  (a.attrs.proposal as { kind?: string } | null)?.kind ===
    (b.attrs.proposal as { kind?: string } | null)?.kind

/** The new numbering, or the previous object itself when no number changed (then nothing is redrawn). */
function renumber(
  before: ProseMirrorNode,
  doc: ProseMirrorNode,
  previous: Numbering,
  basis: NumberBasis,
  basisChanged: boolean,
): Numbering {
  // A keystroke leaves every paragraph's id, kind and proposal as they were: nothing to count again.
  if (!basisChanged && before.childCount === doc.childCount) {
    let same = true
    for (let i = 0; same && i < doc.childCount; i++) {
      const [a, b] = [before.child(i), doc.child(i)]
      same = a === b || numberedAttributesEqual(a, b)
    }
    if (same) return previous
  }
  const next = numberingOf(doc, basis)
  const same =
    next.labels.length === previous.labels.length &&
    next.labels.every((label, i) => label === previous.labels[i]) &&
    [...next.byId].every(([id, label]) => previous.byId.get(id) === label)
  return same ? previous : next
}

/** The number of the paragraph at top-level `index` (titles come first and have none), as the margin shows it. */
export function paragraphLabel(state: EditorState, index: number): string {
  const labels = paragraphNumberingKey.getState(state)?.labels ?? []
  const titles = state.doc.childCount - labels.length
  return labels[index - titles] ?? ''
}

function labelOf(view: EditorView, node: ProseMirrorNode): string {
  return paragraphNumberingKey.getState(view.state)?.byId.get(String(node.attrs.id)) ?? ''
}

function writeNumber(element: HTMLElement, label: string): void {
  if (element.getAttribute('data-number') !== label) element.setAttribute('data-number', label)
}

/** A paragraph as the schema draws it, plus its number. */
function paragraphView(node: ProseMirrorNode, view: EditorView): NodeView {
  const { dom, contentDOM } = DOMSerializer.renderSpec(document, node.type.spec.toDOM!(node))
  writeNumber(dom as HTMLElement, labelOf(view, node))
  let current = node
  return {
    dom,
    contentDOM,
    // Same attributes: the element stays and ProseMirror updates the words in it. Other attributes: drawn anew.
    update(next) {
      if (next.type !== current.type || !next.sameMarkup(current)) return false
      current = next
      return true
    },
    // The number is ours, not the text's: writing it is no edit for ProseMirror to read back.
    ignoreMutation: (mutation) => mutation.type === 'attributes' && mutation.attributeName === 'data-number',
  }
}

/** The paragraph node of the shared schema, drawn with its number. */
export const NumberedParagraph = DeclarationParagraph.extend({
  addNodeView() {
    return ({ node, view }) => paragraphView(node, view)
  },
})

export const ParagraphNumbering = Extension.create<{ numbers: Y.Map<string> | null }>({
  name: 'paragraphNumbering',
  addOptions() {
    return { numbers: null }
  },
  addProseMirrorPlugins() {
    const { numbers } = this.options
    const basis = (): NumberBasis => new Map(numbers?.entries() ?? [])
    return [
      new Plugin<Numbering>({
        key: paragraphNumberingKey,
        state: {
          init: (_, state) => numberingOf(state.doc, basis()),
          apply: (tr, previous) => {
            const basisChanged = tr.getMeta(NUMBERS_CHANGED) === true
            return tr.docChanged || basisChanged
              ? renumber(tr.before, tr.doc, previous, basis(), basisChanged)
              : previous
          },
        },
        view: (view) => {
          // The server records numbers as paragraphs are accepted and when the chair renumbers. Redrawn after the
          // Yjs transaction, never inside it: the map's observers run before the binding has brought the body's
          // change into the editor, and a view update then would write the editor's stale text back to Yjs.
          let pending = false
          const changed = () => {
            if (pending) return
            pending = true
            queueMicrotask(() => {
              pending = false
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(NUMBERS_CHANGED, true))
            })
          }
          numbers?.observe(changed)
          return {
            destroy: () => numbers?.unobserve(changed),
            update(view, previousState) {
              const numbering = paragraphNumberingKey.getState(view.state)
              if (!numbering || numbering === paragraphNumberingKey.getState(previousState)) return
              // The paragraphs' elements are the editor's children, each with its paragraph's id.
              for (const element of view.dom.children) {
                const id = (element as HTMLElement).dataset.paragraphId
                if (id !== undefined) writeNumber(element as HTMLElement, numbering.byId.get(id) ?? '')
              }
            },
          }
        },
      }),
    ]
  },
})
