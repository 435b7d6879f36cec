/**
 * @module What deciding suggestions does to the text, as edits on a paragraph's runs:
 *
 * | suggestion | accept | reject (or withdraw) |
 * |---|---|---|
 * | insertion | keep the words, lift the mark | remove the words |
 * | deletion | remove the words | keep the words, lift the mark |
 *
 * When one decision removes words that carry other suggestions, those go with them (a proposal to delete
 * proposed words that are rejected is moot). A deletion mark over another delegation's proposed words is inert
 * (`SuggestionMark.inert`): it removes nothing, and is lifted when either suggestion is decided — so that the
 * order in which the chair decides never changes the text. Edits come last-first, so each index is valid when
 * applied.
 */
import { suggestionMarksOf, type Run } from './runs.js'

export type Decision = 'accept' | 'reject'

/**
 * `remove` lists the run's marks too: whoever applies it to Yjs clears them before deleting the words, so no
 * mark boundary of a removed suggestion is left behind to spill onto the words after it.
 */
export type TextEdit =
  | { kind: 'remove'; index: number; length: number; keys: string[] }
  | { kind: 'unmark'; index: number; length: number; keys: string[] }

/** Who a suggestion belongs to: decisions act on an id with its owner, never on an id alone. */
export interface Owner {
  delegation: string
  participant: string
}

/** Chooses the decision for a suggestion (its id and owner), or none. */
export type Decide = (id: string, owner: Owner) => Decision | undefined

/** What a decision did to some words: kept them (plain text now) or removed them. For the audit log. */
export interface DecisionEffect extends Owner {
  id: string
  text: string
  effect: 'kept' | 'removed'
}

/**
 * Decides the suggestions chosen by `decide` on one paragraph's runs. When `effects` is given, what each decided
 * suggestion did to which words is added to it.
 */
export function decisionEdits(runs: readonly Run[], decide: Decide, effects?: DecisionEffect[]): TextEdit[] {
  const edits: TextEdit[] = []
  let index = 0
  for (const run of runs) {
    let remove = false
    const unmark: string[] = []
    const marks = suggestionMarksOf(run)
    const decided: typeof marks = []
    for (const mark of marks) {
      const decision = decide(mark.id, mark)
      if (!decision) continue
      if (!mark.inert) decided.push(mark)
      if (mark.inert) {
        unmark.push(mark.key)
        continue
      }
      const removes = (mark.kind === 'insertion') === (decision === 'reject')
      if (removes) remove = true
      else unmark.push(mark.key)
      // Accepted words are plain text from now on: a deletion that never covered them must not start to.
      if (mark.kind === 'insertion' && decision === 'accept')
        for (const other of marks) if (other.inert && !unmark.includes(other.key)) unmark.push(other.key)
    }
    for (const { id, delegation, participant } of decided)
      effects?.push({ id, delegation, participant, text: run.text, effect: remove ? 'removed' : 'kept' })
    if (remove) edits.push({ kind: 'remove', index, length: run.text.length, keys: Object.keys(run.marks) })
    else if (unmark.length > 0) edits.push({ kind: 'unmark', index, length: run.text.length, keys: unmark })
    index += run.text.length
  }
  return edits.reverse()
}

/** Applies edits to runs (for tests and previews; the server applies them to Yjs). */
export function applyEdits(runs: readonly Run[], edits: readonly TextEdit[]): Run[] {
  const chars: { ch: string; marks: Record<string, unknown> }[] = []
  for (const run of runs) for (const ch of run.text.split('')) chars.push({ ch, marks: { ...run.marks } })
  for (const edit of edits) {
    if (edit.kind === 'remove') chars.splice(edit.index, edit.length)
    else
      for (let i = edit.index; i < edit.index + edit.length; i++)
        for (const key of edit.keys) delete chars[i]!.marks[key]
  }
  const merged: Run[] = []
  for (const { ch, marks } of chars) {
    const last = merged.at(-1)
    if (last && JSON.stringify(last.marks) === JSON.stringify(marks)) last.text += ch
    else merged.push({ text: ch, marks })
  }
  return merged
}
