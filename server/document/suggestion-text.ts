/**
 * @module The text of a served Y.Doc as runs (for the suggestion logic in workflows/), and decisions on
 * suggestions applied back to it as Yjs edits. Each XmlText of a title or paragraph is one block.
 */
import * as Y from 'yjs'
import { deleteCharacters } from '../../workflows/document/formatting-items.js'
import { BODY } from '../../workflows/document/format.js'
import {
  applyEdits,
  decisionEdits,
  type Decide,
  type DecisionEffect,
  type TextEdit,
} from '../../workflows/suggestions/decisions.js'
import { proposalOf, type ParagraphRuns, type Run } from '../../workflows/suggestions/runs.js'

interface TextBlock {
  block: string
  text: Y.XmlText
  element: Y.XmlElement
}

export function textBlocks(doc: Y.Doc): TextBlock[] {
  const blocks: TextBlock[] = []
  for (const node of doc.getXmlFragment(BODY).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue
    const block =
      node.nodeName === 'title'
        ? `title:${String(node.getAttribute('lang') ?? 'en')}`
        : String(node.getAttribute('id') ?? '')
    const texts = node.toArray().filter((child): child is Y.XmlText => child instanceof Y.XmlText)
    // A paragraph without words yet (a new proposed one) still counts, for its proposal.
    if (texts.length === 0) blocks.push({ block, text: new Y.XmlText(), element: node })
    for (const text of texts) blocks.push({ block, text, element: node })
  }
  return blocks
}

export function runsOf(text: Y.Text): Run[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).map((op) => ({
    text: typeof op.insert === 'string' ? op.insert : '\ufffc',
    marks: op.attributes ?? {},
  }))
}

export function paragraphRuns(doc: Y.Doc): ParagraphRuns[] {
  return textBlocks(doc).map(({ block, text, element }) => ({
    block,
    runs: text.doc ? runsOf(text) : [],
    proposal: proposalOf(element.getAttribute('proposal')),
  }))
}

/**
 * Applies decisions (suggestion id → accept/reject) to the document. A paragraph proposal decided so that the
 * paragraph goes (a rejected new paragraph, an accepted deletion) removes the whole paragraph; decided so that
 * it stays, it loses its proposal. Word-level suggestions are decided in every remaining paragraph.
 */
export function applyDecisions(doc: Y.Doc, decide: Decide): BlockDecisionEffect[] {
  const fragment = doc.getXmlFragment(BODY)
  const effects: BlockDecisionEffect[] = []
  for (const { block, text, element } of textBlocks(doc)) {
    if (element._item?.deleted) continue
    const proposal = proposalOf(element.getAttribute('proposal'))
    const decision = proposal && decide(proposal.id, proposal)
    if (proposal && decision) {
      const goes = (proposal.kind === 'insertion') === (decision === 'reject')
      const { id, delegation, participant } = proposal
      const words = text.doc ? text.toString() : ''
      effects.push({ block, id, delegation, participant, text: words, effect: goes ? 'removed' : 'kept' })
      if (goes) {
        fragment.delete(fragment.toArray().indexOf(element), 1)
        continue
      }
      element.removeAttribute('proposal')
    }
    const found: DecisionEffect[] = []
    if (text.doc) applyDecisionsToText(text, decide, found)
    for (const effect of found) effects.push({ block, ...effect })
  }
  return effects
}

/** What a decision did in one block (paragraph id, or `title:<lang>`). */
export interface BlockDecisionEffect extends DecisionEffect {
  block: string
}

/**
 * Removes the words that the decisions remove, then states every remaining run's marks explicitly (as the
 * Yjs binding does on each edit). Yjs can drop a mark's closing boundary when the words next to it are
 * deleted, letting the mark spill onto later words; restating the marks makes the result exactly the runs
 * computed by `applyEdits`, whatever the order of decisions.
 */
export function applyDecisionsToText(text: Y.Text, decide: Decide, effects?: DecisionEffect[]): void {
  const runs = runsOf(text)
  applyTextEdits(text, runs, decisionEdits(runs, decide, effects))
}

/** Applies edits computed on `runs` (the text's current runs) to the text; see `applyDecisionsToText`. */
export function applyTextEdits(text: Y.Text, runs: Run[], edits: TextEdit[]): void {
  if (edits.length === 0) return
  const target = applyEdits(runs, edits)
  for (const edit of edits) if (edit.kind === 'remove') deleteCharacters(text, edit.index, edit.length)
  const cleared = Object.fromEntries(runs.flatMap((run) => Object.keys(run.marks)).map((key) => [key, null]))
  text.applyDelta(
    target.map((run) => ({ retain: run.text.length, attributes: { ...cleared, ...run.marks } })),
  )
}
