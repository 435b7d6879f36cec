/**
 * @module Gives a fresh id to every paragraph that lacks one or repeats an earlier one, right after the
 * local edit that made it (a split, a paste). Only local, editable transactions are fixed: remote changes
 * are their author's to fix, and a read-only participant never writes.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { paragraphIdFromBytes, paragraphsNeedingIds } from '../../../workflows/document/paragraph-ids.js'

export function mintParagraphId(): string {
  return paragraphIdFromBytes(crypto.getRandomValues(new Uint8Array(8)))
}

export const ParagraphIdentity = Extension.create({
  name: 'paragraphIdentity',
  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        key: new PluginKey('paragraphIdentity'),
        appendTransaction: (transactions, _old, state) => {
          if (!editor.isEditable) return null
          const local = transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey))
          if (!local) return null
          const positions: number[] = []
          const ids: (string | null)[] = []
          state.doc.forEach((node, pos) => {
            if (node.type.name !== 'paragraph') return
            positions.push(pos)
            ids.push((node.attrs.id as string | null) ?? null)
          })
          const needing = paragraphsNeedingIds(ids)
          if (needing.length === 0) return null
          const tr = state.tr
          for (const index of needing) tr.setNodeAttribute(positions[index]!, 'id', mintParagraphId())
          return tr
        },
      }),
    ]
  },
})
