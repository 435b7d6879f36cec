/**
 * @module Meeting mode: the paragraph on the floor is marked in every page's text (a node decoration, one at a
 * time). The plugin is in the editor from the start and asks where the floor is (`floor`): registering one on a
 * running editor would re-create the Yjs binding's view (see note-markers.ts).
 */
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

export const floorMarkerKey = new PluginKey<DecorationSet>('floorMarker')
/** Set on a transaction when the floor moved. */
export const FLOOR_MOVED = 'floorMoved'

function marker(doc: ProseMirrorNode, paragraph: string | null): DecorationSet {
  if (!paragraph) return DecorationSet.empty
  let found: Decoration | null = null
  doc.forEach((node, pos) => {
    if (!found && node.type.name === 'paragraph' && node.attrs.id === paragraph)
      found = Decoration.node(pos, pos + node.nodeSize, { class: 'on-the-floor', 'data-floor': 'true' })
  })
  return found ? DecorationSet.create(doc, [found]) : DecorationSet.empty
}

// A function, not a value: TipTap copies the plain objects it is configured with.
export const FloorMarker = Extension.create<{ floor: () => string | null }>({
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
            // The Yjs binding replaces a paragraph another participant changed, and a node decoration does not
            // survive its node's replacement: found again then (a walk over the top-level nodes only).
            const mapped = previous.map(tr.mapping, tr.doc)
            return mapped.find().length === 0 && floor() !== null ? marker(tr.doc, floor()) : mapped
          },
        },
        props: { decorations: (state) => floorMarkerKey.getState(state) },
      }),
    ]
  },
})
