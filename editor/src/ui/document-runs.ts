/**
 * @module The editor's document as runs (the shape the workflows' pure functions read), one entry per block;
 * suggestion marks keyed by id so that several on one word stay apart. ProseMirror keeps an unchanged paragraph
 * as the same node object from one state to the next, so each block's runs are cached by its node: after a
 * keystroke only the paragraph typed in is read again, not the other 1,999 (issue 15).
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { proposalOf, type ParagraphRuns } from '../../../workflows/suggestions/runs.js'

const cache = new WeakMap<ProseMirrorNode, ParagraphRuns>()

function runsOfBlock(node: ProseMirrorNode): ParagraphRuns {
  const cached = cache.get(node)
  if (cached) return cached
  const block = node.type.name === 'title' ? `title:${String(node.attrs.lang)}` : String(node.attrs.id ?? '')
  const runs: ParagraphRuns['runs'] = []
  node.forEach((child) => {
    if (!child.isText) return
    const marks: Record<string, unknown> = {}
    for (const mark of child.marks) marks[`${mark.type.name}--${String(mark.attrs.id ?? '')}`] = mark.attrs
    runs.push({ text: child.text ?? '', marks })
  })
  const entry = { block, runs, proposal: proposalOf(node.attrs.proposal) }
  cache.set(node, entry)
  return entry
}

export function runsOfDocument(doc: ProseMirrorNode): ParagraphRuns[] {
  const blocks: ParagraphRuns[] = []
  doc.forEach((node) => blocks.push(runsOfBlock(node)))
  return blocks
}
