/**
 * @module Marks of a declaration: emphasis, and the two suggestion marks. A suggestion mark carries
 * who proposed it — `{id, delegation, participant, at}` — and never excludes another of its kind, so
 * several delegations' proposals on the same words coexist (the Yjs binding keys overlapping marks apart).
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
  addAttributes: suggestionAttributes,
  parseHTML() {
    return [{ tag: 'del[data-suggestion]' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['del', mergeAttributes(suggestionDataAttributes(HTMLAttributes)), 0]
  },
})
