import { EditorState, type Transaction } from '@tiptap/pm/state'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import {
  NUMBERS_CHANGED,
  ParagraphNumbering,
  paragraphNumberingKey,
} from '../../editor/src/extensions/paragraph-numbering.js'
import { declarationSchema as schema } from '../../workflows/document/schema.js'
import { freshBasis, numberParagraphs, type NumberBasis } from '../../workflows/document/numbering.js'
import * as Y from 'yjs'
import { randomSource, type Random } from '../helpers/simulated-delegations.js'

const pluginsWith = (numbers: Y.Map<string> | null) =>
  ParagraphNumbering.config.addProseMirrorPlugins!.call({ options: { numbers } } as never)

function paragraph(id: string, text: string, kind = 'operative', proposal: unknown = null) {
  return schema.nodes.paragraph!.create({ id, kind, proposal }, text ? schema.text(text) : undefined)
}

function startState(random: Random, plugins = pluginsWith(null)): EditorState {
  const paragraphs = Array.from({ length: 5 + random.int(20) }, (_, i) =>
    paragraph(`p${i}`, `words of paragraph ${i}`, random.chance(0.3) ? 'preambular' : 'operative'),
  )
  const doc = schema.nodes.doc!.create(null, [
    schema.nodes.title!.create(null, schema.text('T')),
    ...paragraphs,
  ])
  return EditorState.create({ doc, plugins })
}

/** The numbers the margin shows, in order. */
function shownNumbers(state: EditorState): readonly string[] {
  return paragraphNumberingKey.getState(state)!.labels
}

function expectedNumbers(doc: ProseMirrorNode, basis: NumberBasis = new Map()): string[] {
  const kinds: { id: string; kind: 'operative' | 'preambular'; proposed: boolean }[] = []
  doc.forEach((node) => {
    if (node.type.name === 'paragraph')
      kinds.push({
        id: String(node.attrs.id),
        kind: node.attrs.kind as 'operative' | 'preambular',
        proposed: (node.attrs.proposal as { kind?: string } | null)?.kind === 'insertion',
      })
  })
  return numberParagraphs(kinds, basis)
}

/** Every top-level paragraph with its position. */
function paragraphsOf(doc: ProseMirrorNode): { pos: number; node: ProseMirrorNode }[] {
  const found: { pos: number; node: ProseMirrorNode }[] = []
  doc.forEach((node, pos) => {
    if (node.type.name === 'paragraph') found.push({ pos, node })
  })
  return found
}

let fresh = 0
/** One edit of the kinds the editor and the collaboration binding make. */
function randomEdit(state: EditorState, random: Random): Transaction {
  const tr = state.tr
  const paragraphs = paragraphsOf(state.doc)
  const { pos, node } = random.pick(paragraphs)
  const inside = pos + 1 + random.int(node.content.size + 1)
  switch (random.int(7)) {
    case 0: // type a character
      return tr.insertText('x', inside)
    case 1: // delete a few characters
      return tr.delete(inside, Math.min(inside + 1 + random.int(4), pos + node.nodeSize - 1))
    case 2: // the binding replaces a paragraph that changed remotely with a new node
      return tr.replaceWith(
        pos,
        pos + node.nodeSize,
        paragraph(String(node.attrs.id), `${node.textContent}y`),
      )
    case 3: // a new paragraph, sometimes a proposal (numbered OPnbis)
      return tr.insert(
        pos + node.nodeSize,
        paragraph(
          `n${++fresh}`,
          'new',
          'operative',
          random.chance(0.5) ? { kind: 'insertion', id: `s${fresh}` } : null,
        ),
      )
    case 4: // delete a paragraph (one always stays)
      return paragraphs.length > 1 ? tr.delete(pos, pos + node.nodeSize) : tr.insertText('z', inside)
    case 5: // change a paragraph's kind
      return tr.setNodeMarkup(pos, undefined, {
        ...node.attrs,
        kind: node.attrs.kind === 'operative' ? 'preambular' : 'operative',
      })
    default: {
      // two changes in one transaction, far apart
      tr.insertText('a', inside)
      const other = random.pick(paragraphsOf(tr.doc))
      return tr.insertText('b', other.pos + 1)
    }
  }
}

describe('paragraph numbers in the margin', () => {
  it('match the numbers of the whole text after every edit, over 200 seeds', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = randomSource(seed)
      let state = startState(random)
      for (let step = 0; step < 40; step++) {
        state = state.apply(randomEdit(state, random))
        expect(shownNumbers(state), `seed ${seed}, step ${step}`).toEqual(expectedNumbers(state.doc))
      }
    }
  })

  it('follow the server’s number basis, and are drawn anew when the server changes it, over 100 seeds', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const random = randomSource(seed)
      const numbers = new Y.Doc().getMap<string>('numbers')
      let state = startState(random, pluginsWith(numbers))
      const ids: { id: string; kind: 'operative' | 'preambular' }[] = []
      state.doc.forEach((node) => {
        if (node.type.name === 'paragraph')
          ids.push({ id: String(node.attrs.id), kind: node.attrs.kind as never })
      })
      for (const [id, label] of freshBasis(ids)) numbers.set(id, label)
      state = state.apply(state.tr.setMeta(NUMBERS_CHANGED, true))
      for (let step = 0; step < 40; step++) {
        state = state.apply(randomEdit(state, random))
        if (random.chance(0.2)) {
          numbers.set(`n${fresh}`, `OP${99 + step}`)
          state = state.apply(state.tr.setMeta(NUMBERS_CHANGED, true))
        }
        const basis = new Map(numbers.entries())
        expect(shownNumbers(state), `seed ${seed}, step ${step}`).toEqual(expectedNumbers(state.doc, basis))
      }
    }
  })

  it('stay the same object when a keystroke changes no number, so nothing is redrawn', () => {
    const state = startState(randomSource(7))
    const before = paragraphNumberingKey.getState(state)
    const last = paragraphsOf(state.doc).at(-1)!
    const typed = state.apply(state.tr.insertText('x', last.pos + 2))
    expect(paragraphNumberingKey.getState(typed)).toBe(before)
    const added = typed.apply(typed.tr.insert(last.pos, paragraph('n-new', 'a new paragraph')))
    expect(paragraphNumberingKey.getState(added)).not.toBe(before)
    expect(paragraphNumberingKey.getState(added)!.byId.get('n-new')).toBe(shownNumbers(added).at(-2))
  })
})
