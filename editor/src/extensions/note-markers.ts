/**
 * @module A marker in the margin of each paragraph the delegation holds a private note on, shown only in that
 * delegation's browsers (the notes never leave its own document). Node decorations, one per noted paragraph —
 * few, so their cost stays small even on a 200-page text — redrawn when the notes change.
 *
 * The plugin is in the editor from the start and learns where the notes are later (`NoteSource`): registering a
 * plugin on a running editor re-creates every plugin view, the Yjs binding's included, whose fresh render was
 * written back as edits (duplicated paragraph ids, an observer's refused write) — seen in the browser tests.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { t } from '../i18n.js'

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
          title: t('notes.marker'),
        }),
      )
  })
  return DecorationSet.create(doc, found)
}

/** Where the delegation's notes are: set by the notes panel once its document is open. */
export interface NoteSource {
  noted: () => ReadonlySet<string>
}

export function noteSource(): NoteSource {
  return { noted: () => new Set() }
}

// Options take a function, not the source itself: TipTap copies plain objects it is configured with.
export const NoteMarkers = Extension.create<{ noted: () => ReadonlySet<string> }>({
  name: 'noteMarkers',
  addOptions() {
    return { noted: () => new Set<string>() }
  },
  addProseMirrorPlugins() {
    return [noteMarkers(this.options.noted)]
  },
})

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
