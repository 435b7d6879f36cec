/**
 * @module A marker in the margin of each paragraph the delegation holds a private note on, shown only in that
 * delegation's browsers (the notes never leave its own document). Node decorations, one per noted paragraph —
 * few, so their cost stays small even on a 200-page text — redrawn when the notes change.
 */
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'

export const noteMarkersKey = new PluginKey<DecorationSet>('noteMarkers')
/** Set on a transaction when the delegation's notes changed. */
export const NOTES_CHANGED = 'notesChanged'

function markers(doc: ProseMirrorNode, noted: ReadonlySet<string>): DecorationSet {
  if (noted.size === 0) return DecorationSet.empty
  const found: Decoration[] = []
  doc.forEach((node, pos) => {
    if (node.type.name === 'paragraph' && noted.has(String(node.attrs.id)))
      found.push(
        Decoration.node(pos, pos + node.nodeSize, {
          class: 'has-note',
          title: 'Your delegation has a note here',
        }),
      )
  })
  return DecorationSet.create(doc, found)
}

export function noteMarkers(noted: () => ReadonlySet<string>): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: noteMarkersKey,
    state: {
      init: (_, state) => markers(state.doc, noted()),
      apply: (tr, previous) =>
        tr.getMeta(NOTES_CHANGED)
          ? markers(tr.doc, noted())
          : tr.docChanged
            ? previous.map(tr.mapping, tr.doc)
            : previous,
    },
    props: { decorations: (state) => noteMarkersKey.getState(state) },
  })
}
