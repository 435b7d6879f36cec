/**
 * @module Shows each paragraph's number (PP1 …, OP1 …) in the margin. Numbers are computed from the
 * document on every change (`numberParagraphs`) and drawn as node decorations: they are never part of the
 * text, so nobody can type over them and they can never disagree with the order of the paragraphs.
 *
 * On a 2,000-paragraph text a keystroke must not rebuild 2,000 decorations (issue 15): while the labels stay
 * the same — every keystroke that adds or removes no paragraph — the previous decorations are mapped through
 * the change and only the paragraphs the change touched get theirs again (the collaboration binding replaces a
 * paragraph that changed remotely, which drops its mapped node decoration). Labels that change rebuild all.
 */
import { Extension } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { isParagraphKind, type ParagraphKind } from '../../../workflows/document/format.js'
import { numberParagraphs } from '../../../workflows/document/numbering.js'

interface NumberingState {
  labels: readonly string[]
  decorations: DecorationSet
}

export const paragraphNumberingKey = new PluginKey<NumberingState>('paragraphNumbering')

interface Paragraph {
  pos: number
  node: ProseMirrorNode
}

function paragraphsOf(doc: ProseMirrorNode): { paragraphs: Paragraph[]; labels: string[] } {
  const paragraphs: Paragraph[] = []
  const kinds: { kind: ParagraphKind; proposed: boolean }[] = []
  doc.forEach((node, pos) => {
    if (node.type.name !== 'paragraph') return
    const kind = node.attrs.kind as unknown
    const proposed = (node.attrs.proposal as { kind?: string } | null)?.kind === 'insertion'
    paragraphs.push({ pos, node })
    kinds.push({ kind: isParagraphKind(kind) ? kind : 'operative', proposed })
  })
  return { paragraphs, labels: numberParagraphs(kinds) }
}

const numberDecoration = ({ pos, node }: Paragraph, label: string) =>
  Decoration.node(pos, pos + node.nodeSize, { 'data-number': label, class: 'numbered' })

function numberAll(doc: ProseMirrorNode): NumberingState {
  const { paragraphs, labels } = paragraphsOf(doc)
  return {
    labels,
    decorations: DecorationSet.create(
      doc,
      paragraphs.map((p, i) => numberDecoration(p, labels[i]!)),
    ),
  }
}

/** The ranges of the new document that the transaction replaced. */
function changedRanges(tr: Transaction): [number, number][] {
  const ranges: [number, number][] = []
  tr.mapping.maps.forEach((map, i) => {
    const later = tr.mapping.slice(i + 1)
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) =>
      ranges.push([later.map(newStart, -1), later.map(newEnd, 1)]),
    )
  })
  return ranges
}

function renumber(tr: Transaction, previous: NumberingState): NumberingState {
  const { paragraphs, labels } = paragraphsOf(tr.doc)
  const sameLabels =
    labels.length === previous.labels.length && labels.every((label, i) => label === previous.labels[i])
  if (!sameLabels) return numberAll(tr.doc)
  const ranges = changedRanges(tr)
  let decorations = previous.decorations.map(tr.mapping, tr.doc)
  const stale: Decoration[] = []
  const fresh: Decoration[] = []
  paragraphs.forEach((paragraph, i) => {
    const from = paragraph.pos
    const to = from + paragraph.node.nodeSize
    if (!ranges.some(([start, end]) => start <= to && end >= from)) return
    // Inside the paragraph only: the neighbours' decorations touch its edges.
    stale.push(...decorations.find(from + 1, to - 1))
    fresh.push(numberDecoration(paragraph, labels[i]!))
  })
  if (fresh.length === 0) return { labels, decorations }
  decorations = decorations.remove(stale).add(tr.doc, fresh)
  return { labels, decorations }
}

export const ParagraphNumbering = Extension.create({
  name: 'paragraphNumbering',
  addProseMirrorPlugins() {
    return [
      new Plugin<NumberingState>({
        key: paragraphNumberingKey,
        state: {
          init: (_, state) => numberAll(state.doc),
          apply: (tr, previous) => (tr.docChanged ? renumber(tr, previous) : previous),
        },
        props: {
          decorations: (state) => paragraphNumberingKey.getState(state)?.decorations,
        },
      }),
    ]
  },
})
