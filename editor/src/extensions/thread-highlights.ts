/**
 * @module Highlights the words each open comment thread is anchored to. The ranges come from the threads
 * in the Y.Doc (written by the server) resolved through their Yjs relative positions: at once when the
 * threads change, shortly after the text changes (mapped through the change meanwhile).
 */
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

export interface ThreadRange {
  id: string
  startBlock: string
  startOffset: number
  endBlock: string
  endOffset: number
}

export const threadHighlightsKey = new PluginKey<DecorationSet>('threadHighlights')
/** Set this meta on a transaction to make the highlights recompute (the threads changed), or to a new set. */
export const THREADS_CHANGED = 'threadsChanged'

function blockStarts(doc: ProseMirrorNode): Map<string, number> {
  const starts = new Map<string, number>()
  doc.forEach((node, pos) => {
    const block =
      node.type.name === 'title' ? `title:${String(node.attrs.lang)}` : String(node.attrs.id ?? '')
    starts.set(block, pos + 1)
  })
  return starts
}

function decorations(doc: ProseMirrorNode, ranges: ThreadRange[]): DecorationSet {
  const starts = blockStarts(doc)
  const decos: Decoration[] = []
  for (const range of ranges) {
    const from = starts.get(range.startBlock)
    const to = starts.get(range.endBlock)
    if (from === undefined || to === undefined) continue
    const a = from + range.startOffset
    const b = to + range.endOffset
    if (b > a && b <= doc.content.size)
      decos.push(
        Decoration.inline(a, b, { class: 'thread-anchor', 'data-thread': range.id }, { id: range.id }),
      )
  }
  return DecorationSet.create(doc, decos)
}

function sameHighlights(a: DecorationSet, b: DecorationSet): boolean {
  const key = (d: Decoration) => `${d.from}:${d.to}:${String((d.spec as { id?: string }).id)}`
  const [x, y] = [a.find().map(key).sort(), b.find().map(key).sort()]
  return x.length === y.length && x.every((k, i) => k === y[i])
}

/**
 * Resolving every thread's anchor costs milliseconds on a long text (200 threads: ≈ 7 ms), too much for every
 * keystroke of twenty remote writers. On a change of the text the highlights are mapped through it; the anchors
 * are resolved again at most every `RESOLVE_AFTER_MS` after the text changed, and at once when threads change.
 */
const RESOLVE_AFTER_MS = 300

export const ThreadHighlights = Extension.create<{ ranges: () => ThreadRange[] }>({
  name: 'threadHighlights',
  addOptions() {
    return { ranges: () => [] }
  },
  addProseMirrorPlugins() {
    const { ranges } = this.options
    return [
      new Plugin<DecorationSet>({
        key: threadHighlightsKey,
        state: {
          init: (_, state) => decorations(state.doc, ranges()),
          apply: (tr, previous) => {
            const changed = tr.getMeta(THREADS_CHANGED) as DecorationSet | true | undefined
            if (changed instanceof DecorationSet) return changed
            if (changed) return decorations(tr.doc, ranges())
            return tr.docChanged ? previous.map(tr.mapping, tr.doc) : previous
          },
        },
        props: { decorations: (state) => threadHighlightsKey.getState(state) },
        view: (view) => {
          let pending: ReturnType<typeof setTimeout> | undefined
          let destroyed = false
          return {
            update: (_, previousState) => {
              if (pending !== undefined || view.state.doc === previousState.doc) return
              pending = setTimeout(() => {
                pending = undefined
                if (destroyed) return
                // Drawn again only if the words resolve elsewhere than where the mapping put them.
                const fresh = decorations(view.state.doc, ranges())
                if (!sameHighlights(fresh, threadHighlightsKey.getState(view.state)!))
                  view.dispatch(view.state.tr.setMeta(THREADS_CHANGED, fresh))
              }, RESOLVE_AFTER_MS)
            },
            destroy: () => {
              destroyed = true
              clearTimeout(pending)
            },
          }
        },
      }),
    ]
  },
})
