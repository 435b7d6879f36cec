/**
 * @module Meeting mode: the paragraph on the floor is marked in every page's text (a node decoration, one at a
 * time), and the words on the floor with it, if any, highlighted (an inline decoration). The plugin is in the editor from the start and asks where the floor is (`floor`): registering one on a
 * running editor would re-create the Yjs binding's view (see note-markers.ts).
 */
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

export const floorMarkerKey = new PluginKey<DecorationSet>('floorMarker')
/** Set on a transaction when the floor moved. */
export const FLOOR_MOVED = 'floorMoved'

/** The paragraph on the floor, and where its words on the floor are now (character offsets), if any. */
export interface FloorTarget {
  paragraph: string
  words: { startOffset: number; endOffset: number } | null
}

function marker(doc: ProseMirrorNode, target: FloorTarget | null): DecorationSet {
  if (!target) return DecorationSet.empty
  const found: Decoration[] = []
  doc.forEach((node, pos) => {
    if (found.length > 0 || node.type.name !== 'paragraph' || node.attrs.id !== target.paragraph) return
    found.push(Decoration.node(pos, pos + node.nodeSize, { class: 'on-the-floor', 'data-floor': 'true' }))
    const words = target.words
    if (words && words.endOffset > words.startOffset && words.endOffset <= node.content.size)
      found.push(
        Decoration.inline(pos + 1 + words.startOffset, pos + 1 + words.endOffset, {
          class: 'floor-words',
          'data-testid': 'floor-words-marked',
        }),
      )
  })
  return DecorationSet.create(doc, found)
}

// A function, not a value: TipTap copies the plain objects it is configured with.
export const FloorMarker = Extension.create<{ floor: () => FloorTarget | null }>({
  name: 'floorMarker',
  addOptions() {
    return { floor: () => null }
  },
  addProseMirrorPlugins() {
    const floor = this.options.floor
    return [
      new Plugin<DecorationSet>({
        key: floorMarkerKey,
        state: {
          init: (_, state) => marker(state.doc, floor()),
          apply: (tr, previous) => {
            if (tr.getMeta(FLOOR_MOVED)) return marker(tr.doc, floor())
            if (!tr.docChanged) return previous
            // The Yjs binding replaces a paragraph another participant changed, and decorations do not survive
            // their node's replacement: found again then (a walk over the top-level nodes only).
            const mapped = previous.map(tr.mapping, tr.doc)
            return mapped.find().length < previous.find().length || (mapped.find().length === 0 && floor())
              ? marker(tr.doc, floor())
              : mapped
          },
        },
        props: { decorations: (state) => floorMarkerKey.getState(state) },
      }),
    ]
  },
})
