/**
 * @module What a suggestion-only participant's edit writes into the document — no DOM, no ProseMirror view: the
 * editor's suggest mode (editor/src/extensions/suggest-mode.ts) turns keystrokes into these calls, and tests
 * and benchmarks run exactly the editor's writes with many simulated delegations in Node. Ids and the time
 * come from the caller (`WriterContext`).
 *
 * - inserted text gets an insertion mark naming the delegation and participant (continuing the writer's own
 *   adjacent insertion, so a phrase typed in one go is one suggestion);
 * - deleted text gets a deletion mark and stays — except text of the writer's own delegation's pending
 *   insertion, which really goes (that is how one corrects one's own proposal); another delegation's proposed
 *   words are left alone (a proposal to delete never covers words not yet in the text: one comments on them);
 * - Enter proposes a new paragraph (a split when in mid-paragraph), Backspace at a paragraph's start a join.
 *
 * Why Yjs and not a ProseMirror transaction: the binding turns a changed paragraph into Yjs operations by a
 * plain-string diff, which cannot tell "insert r before the deleted r" from "insert r after it" — and the
 * second reading claims the existing character as the new one. Writing the operations ourselves, at exact
 * indexes, says precisely what changed. The server checks all of it again.
 */
import * as Y from 'yjs'
import { deleteCharacters } from '../document/formatting-items.js'
import { markAttributeKey } from '../document/mark-keys.js'
import { declarationSchema } from '../document/schema.js'
import { suggestionKindOf, type Author } from '../rules/suggestions.js'

export type Attributes = Record<string, unknown>

export interface WriterContext {
  author: Author
  /** A fresh suggestion id. */
  newId: () => string
  /** A fresh paragraph id. */
  newParagraphId: () => string
  /** The time to stamp on a new suggestion (ISO 8601). */
  now: () => string
}

interface Run {
  start: number
  text: string
  attributes: Attributes
}

/** A piece of text to insert with its own formatting (bold, italic — never suggestion marks). */
export interface Piece {
  text: string
  attributes: Attributes
}

/** The characters of an XmlText as runs of equal attributes, with their start index. */
function runsOf(text: Y.XmlText): Run[] {
  const runs: Run[] = []
  let start = 0
  for (const op of text.toDelta() as { insert: unknown; attributes?: Attributes }[]) {
    const content = typeof op.insert === 'string' ? op.insert : '\ufffc'
    runs.push({ start, text: content, attributes: op.attributes ?? {} })
    start += content.length
  }
  return runs
}

function entryOf(attributes: Attributes, kind: 'insertion' | 'deletion', own: (value: unknown) => boolean) {
  return Object.entries(attributes).find(([key, value]) => suggestionKindOf(key) === kind && own(value))
}

/** The attribute key and value of a suggestion mark. */
function suggestionMark(
  kind: 'insertion' | 'deletion',
  value: Attributes,
): { key: string; value: Attributes } {
  return { key: markAttributeKey(declarationSchema.marks[kind]!.create(value)), value }
}

export class SuggestionWriter {
  constructor(private readonly context: WriterContext) {}

  private isOwn = (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    (value as Author).delegation === this.context.author.delegation &&
    (value as Author).participant === this.context.author.participant

  private isOwnDelegation = (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    (value as Author).delegation === this.context.author.delegation

  private attribution(): Attributes {
    const { author, newId, now } = this.context
    return { id: newId(), delegation: author.delegation, participant: author.participant, at: now() }
  }

  /**
   * An own suggestion of this kind touching [from, to), to continue; in one's own proposed paragraph, that
   * proposal (so the paragraph and its words are one suggestion); else a new one.
   */
  private suggestionNear(
    text: Y.XmlText,
    runs: Run[],
    from: number,
    to: number,
    kind: 'insertion' | 'deletion',
  ) {
    for (const run of runs.filter((r) => r.start + r.text.length === from || r.start === to)) {
      const found = entryOf(run.attributes, kind, this.isOwn)
      if (found) return { key: found[0], value: found[1] as Attributes }
    }
    const proposal: unknown =
      text.parent instanceof Y.XmlElement ? text.parent.getAttribute('proposal') : null
    if (
      kind === 'insertion' &&
      this.isOwn(proposal) &&
      (proposal as { kind?: string }).kind === 'insertion'
    ) {
      const { id, delegation, participant, at } = proposal as Attributes
      return suggestionMark('insertion', { id, delegation, participant, at })
    }
    return suggestionMark(kind, this.attribution())
  }

  /**
   * Replaces characters [from, to) of a paragraph's text by `inserted`, as suggestions. Returns how many of
   * the replaced characters stay (proposed for deletion) and how many were inserted after them.
   */
  replace(
    text: Y.XmlText,
    from: number,
    to: number,
    inserted: readonly Piece[],
  ): { kept: number; inserted: number } {
    let kept = 0
    const runs = runsOf(text)
    if (to > from) {
      const pieces = runs
        .map((run) => ({ run, a: Math.max(from, run.start), b: Math.min(to, run.start + run.text.length) }))
        .filter(({ a, b }) => b > a)
      // Deleting words other delegations propose is proposing to delete their proposal: the deletion names them.
      const covers = pieces.flatMap(({ run }) =>
        Object.entries(run.attributes)
          .filter(([key, value]) => suggestionKindOf(key) === 'insertion' && !this.isOwnDelegation(value))
          .map(([, value]) => String((value as Attributes).id)),
      )
      const deletion =
        covers.length > 0
          ? suggestionMark('deletion', { ...this.attribution(), covers: [...new Set(covers)] })
          : this.suggestionNear(text, runs, from, to, 'deletion')
      for (const { run, a, b } of pieces.reverse()) {
        if (entryOf(run.attributes, 'insertion', this.isOwnDelegation)) {
          deleteCharacters(text, a, b - a)
          continue
        }
        kept += b - a
        if (!entryOf(run.attributes, 'deletion', this.isOwn))
          text.format(a, b - a, { [deletion.key]: deletion.value })
      }
    }
    let at = from + kept
    if (inserted.length > 0) {
      const insertion = this.suggestionNear(text, runsOf(text), at, at, 'insertion')
      for (const piece of inserted) {
        text.insert(at, piece.text, {
          ...withoutSuggestions(piece.attributes),
          [insertion.key]: insertion.value,
        })
        at += piece.text.length
      }
    }
    return { kept, inserted: at - from - kept }
  }

  private newProposal(kind: 'insertion' | 'deletion', operation?: 'split' | 'join'): Attributes {
    return { ...this.attribution(), kind, ...(operation ? { operation } : {}) }
  }

  /** The insertion mark that goes with a paragraph proposal: same id, so the pair is one suggestion. */
  private insertionFor(proposal: Attributes) {
    const { id, delegation, participant, at } = proposal
    return suggestionMark('insertion', { id, delegation, participant, at })
  }

  /**
   * Enter: proposes a new paragraph after `element`. At the end of the paragraph it starts empty; at `offset`
   * in the middle it is a split: the words after it are proposed for deletion here and, with the same
   * suggestion, as the new paragraph's words — accepting the one suggestion splits the paragraph, rejecting it
   * undoes both. Returns the new paragraph.
   */
  proposeParagraphAfter(fragment: Y.XmlFragment, element: Y.XmlElement, offset: number | null): Y.XmlElement {
    const text = textOf(element)
    const split = offset !== null && text !== null && offset < text.length
    const proposal = this.newProposal('insertion', split ? 'split' : undefined)
    const moved = split ? this.moveTail(text, offset, proposal) : []
    return this.newParagraphAfter(fragment, element, proposal, moved)
  }

  /**
   * Pastes several paragraphs at `offset` of `element`, as one suggestion (as a word processor would lay them
   * out): the first paragraph's words go in at the caret, each further one becomes a proposed new paragraph,
   * and the words after the caret move to the end of the last one — proposed for deletion here, inserted
   * there, with the same suggestion. Accepting it gives the pasted text; rejecting it gives back the original.
   * One paragraph is simply typed. Returns the paragraph the paste ends in.
   */
  paste(
    fragment: Y.XmlFragment,
    element: Y.XmlElement,
    offset: number,
    paragraphs: readonly (readonly Piece[])[],
  ): Y.XmlElement {
    let text = textOf(element)
    if (!text) {
      text = new Y.XmlText()
      element.insert(0, [text])
    }
    const [first = [], ...rest] = paragraphs
    if (rest.length === 0) {
      this.replace(text, offset, offset, first)
      return element
    }
    const split = offset < text.length
    const proposal = this.newProposal('insertion', split ? 'split' : undefined)
    const insertion = this.insertionFor(proposal)
    let at = offset
    for (const piece of first) {
      text.insert(at, piece.text, {
        ...withoutSuggestions(piece.attributes),
        [insertion.key]: insertion.value,
      })
      at += piece.text.length
    }
    const moved = split ? this.moveTail(text, at, proposal) : []
    let after = element
    rest.forEach((words, i) => {
      after = this.newParagraphAfter(
        fragment,
        after,
        proposal,
        i === rest.length - 1 ? [...words, ...moved] : words,
      )
    })
    return after
  }

  /**
   * Proposes the words of `text` from `offset` on for deletion under `proposal`, and returns them to be
   * proposed again in a new paragraph. Another delegation's proposed words stay where they are: a proposal
   * never covers words that are not yet in the text.
   */
  private moveTail(text: Y.XmlText, offset: number, proposal: Attributes): Piece[] {
    const deletion = suggestionMark('deletion', this.insertionFor(proposal).value)
    const moved: { piece: Piece; at: number }[] = []
    for (const run of runsOf(text)) {
      const start = Math.max(offset, run.start)
      const end = run.start + run.text.length
      if (end <= start || entryOf(run.attributes, 'insertion', (v) => !this.isOwnDelegation(v))) continue
      moved.push({
        piece: {
          text: run.text.slice(start - run.start, end - run.start),
          attributes: withoutSuggestions(run.attributes),
        },
        at: start,
      })
    }
    for (const { piece, at } of [...moved].reverse())
      text.format(at, piece.text.length, { [deletion.key]: deletion.value })
    return moved.map(({ piece }) => piece)
  }

  /** A proposed paragraph after `element`, holding `words` as insertions of the same suggestion. */
  private newParagraphAfter(
    fragment: Y.XmlFragment,
    element: Y.XmlElement,
    proposal: Attributes,
    words: readonly Piece[],
  ): Y.XmlElement {
    const insertion = this.insertionFor(proposal)
    const created = new Y.XmlElement('paragraph')
    created.setAttribute('id', this.context.newParagraphId())
    created.setAttribute('kind', String(element.getAttribute('kind') ?? 'operative'))
    created.setAttribute('status', 'open')
    created.setAttribute('proposal', proposal as unknown as string)
    if (words.length > 0) {
      const container = new Y.XmlText()
      let i = 0
      for (const run of words) {
        container.insert(i, run.text, {
          ...withoutSuggestions(run.attributes),
          [insertion.key]: insertion.value,
        })
        i += run.text.length
      }
      created.insert(0, [container])
    }
    fragment.insert(indexOf(fragment, element) + 1, [created])
    return created
  }

  /**
   * Backspace at the start of `element`: proposes joining it to the previous paragraph — the paragraph is
   * proposed for deletion and its words, with the same suggestion, as an insertion at the end of the previous
   * one. In an empty paragraph of one's own proposal, it simply takes the proposal back. Returns where the
   * caret goes (the previous paragraph and its offset), or null when nothing can be joined.
   */
  proposeJoin(
    fragment: Y.XmlFragment,
    element: Y.XmlElement,
  ): { paragraph: Y.XmlElement; offset: number } | null {
    const index = indexOf(fragment, element)
    const previous = index > 0 ? fragment.get(index - 1) : null
    if (!(previous instanceof Y.XmlElement) || previous.nodeName !== 'paragraph') return null
    const text = textOf(element)
    const current = element.getAttribute('proposal') as unknown
    const previousText = textOf(previous)
    const end = previousText?.length ?? 0
    if (
      this.isOwn(current) &&
      (current as { kind?: string }).kind === 'insertion' &&
      (!text || text.length === 0)
    ) {
      fragment.delete(index, 1)
      return { paragraph: previous, offset: end }
    }
    if (current) return null
    const proposal = this.newProposal('deletion', 'join')
    const moved = wordsFrom(text, 0)
    element.setAttribute('proposal', proposal as unknown as string)
    let target = previousText
    if (!target) {
      target = new Y.XmlText()
      previous.insert(0, [target])
    }
    const insertion = this.insertionFor(proposal)
    let i = end
    for (const run of moved) {
      target.insert(i, run.text, { ...run.attributes, [insertion.key]: insertion.value })
      i += run.text.length
    }
    return { paragraph: previous, offset: end }
  }
}

function withoutSuggestions(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => suggestionKindOf(key) === null))
}

/** The text container of a paragraph, if it has one yet. */
export function textOf(element: Y.XmlElement): Y.XmlText | null {
  return element.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText) ?? null
}

function indexOf(fragment: Y.XmlFragment, element: Y.XmlElement): number {
  return fragment.toArray().indexOf(element)
}

/** The words of a text from `from` on, as pieces with their own formatting (suggestion marks left out). */
function wordsFrom(text: Y.XmlText | null, from: number): Piece[] {
  if (!text) return []
  const out: Piece[] = []
  for (const run of runsOf(text)) {
    const start = Math.max(from, run.start)
    const end = run.start + run.text.length
    if (end > start)
      out.push({
        text: run.text.slice(start - run.start, end - run.start),
        attributes: withoutSuggestions(run.attributes),
      })
  }
  return out
}
