/**
 * @module Shows each paragraph's number (PP1 …, OP1 …) in the margin. Numbers are computed from the
 * document on every change (`numberParagraphs`) and drawn as node decorations: they are never part of the
 * text, so nobody can type over them and they can never disagree with the order of the paragraphs.
 */
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { isParagraphKind, type ParagraphKind } from '../../../workflows/document/format.js'
import { numberParagraphs } from '../../../workflows/document/numbering.js'

export const paragraphNumberingKey = new PluginKey<DecorationSet>('paragraphNumbering')

function numberDecorations(doc: ProseMirrorNode): DecorationSet {
  const paragraphs: { pos: number; node: ProseMirrorNode; kind: ParagraphKind; proposed: boolean }[] = []
  doc.forEach((node, pos) => {
    if (node.type.name !== 'paragraph') return
    const kind = node.attrs.kind as unknown
    const proposed = (node.attrs.proposal as { kind?: string } | null)?.kind === 'insertion'
    paragraphs.push({ pos, node, kind: isParagraphKind(kind) ? kind : 'operative', proposed })
  })
  const labels = numberParagraphs(paragraphs.map(({ kind, proposed }) => ({ kind, proposed })))
  return DecorationSet.create(
    doc,
    paragraphs.map(({ pos, node }, i) =>
      Decoration.node(pos, pos + node.nodeSize, { 'data-number': labels[i]!, class: 'numbered' }),
    ),
  )
}

export const ParagraphNumbering = Extension.create({
  name: 'paragraphNumbering',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: paragraphNumberingKey,
        state: {
          init: (_, state) => numberDecorations(state.doc),
          apply: (tr, previous) => (tr.docChanged ? numberDecorations(tr.doc) : previous),
        },
        props: {
          decorations: (state) => paragraphNumberingKey.getState(state),
        },
      }),
    ]
  },
})
