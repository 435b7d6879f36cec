/**
 * @module Marks of a declaration: emphasis, and the two suggestion marks. A suggestion mark carries
 * who proposed it — `{id, delegation, participant, at}` — and never excludes another of its kind, so
 * several delegations' proposals on the same words coexist (the Yjs binding keys overlapping marks apart).
 * A deletion also names the other delegations' proposed insertions it deliberately covers (`covers`, their
 * ids): a deletion never covers proposed words its proposer did not see (docs/document-format.md).
 */
import { Mark, mergeAttributes } from '@tiptap/core'

function suggestionAttributes() {
  return {
    id: { default: null },
    delegation: { default: null },
    participant: { default: null },
    at: { default: null },
  }
}

function suggestionDataAttributes(attributes: Record<string, unknown>) {
  return {
    'data-suggestion': attributes.id as string,
    'data-delegation': attributes.delegation as string,
    'data-participant': attributes.participant as string,
    'data-at': attributes.at as string,
  }
}

export const Insertion = Mark.create({
  name: 'insertion',
  excludes: '',
  inclusive: false,
  addAttributes: suggestionAttributes,
  parseHTML() {
    return [{ tag: 'ins[data-suggestion]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['ins', mergeAttributes(suggestionDataAttributes(HTMLAttributes)), 0]
  },
})

export const Deletion = Mark.create({
  name: 'deletion',
  excludes: '',
  inclusive: false,
  addAttributes: () => ({ ...suggestionAttributes(), covers: { default: null } }),
  parseHTML() {
    return [{ tag: 'del[data-suggestion]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['del', mergeAttributes(suggestionDataAttributes(HTMLAttributes)), 0]
  },
})

/**
 * Brackets: words not yet agreed, possibly with alternatives (Alt 1, Alt 2 …), each backed by delegations.
 * Written by the server only (delegations bracket words and propose alternatives through the API; the chair
 * removes brackets or picks an alternative). `{id, alt, backers, delegation, participant, at}`.
 */
export const Bracket = Mark.create({
  name: 'bracket',
  excludes: '',
  inclusive: false,
  addAttributes() {
    return {
      id: { default: null },
      alt: { default: 1 },
      backers: { default: [] },
      delegation: { default: null },
      participant: { default: null },
      at: { default: null },
    }
  },
  parseHTML() {
    return [{ tag: 'span[data-bracket]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return [
      'span',
      {
        class: 'bracket',
        'data-bracket': HTMLAttributes.id as string,
        'data-alt': String(HTMLAttributes.alt),
        'data-backers': ((HTMLAttributes.backers as string[] | null) ?? []).join(' '),
      },
      0,
    ]
  },
})
