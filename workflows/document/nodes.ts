/**
 * @module The nodes of a declaration: a title (once, optionally again in the host language) and numbered
 * paragraphs. Behaviour (numbering decorations, id minting) is added by the editor on top of these;
 * nothing here touches the DOM, so the server validates and renders with the very same definitions.
 */
import { Node, mergeAttributes } from '@tiptap/core'
import Paragraph from '@tiptap/extension-paragraph'
import type { ParagraphKind, ParagraphStatus } from './format.js'

export const DeclarationDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: 'title{1,2} paragraph+',
})

export const Title = Node.create({
  name: 'title',
  group: 'block',
  content: 'text*',
  marks: '_',
  defining: true,
  addAttributes() {
    return {
      lang: {
        default: 'en',
        parseHTML: (element) => element.getAttribute('lang') ?? 'en',
        renderHTML: (attributes) => ({ lang: attributes.lang as string }),
      },
    }
  },
  parseHTML() {
    return [{ tag: 'h1' }]
  },
  renderHTML({ HTMLAttributes }) {
    return ['h1', mergeAttributes({ class: 'declaration-title' }, HTMLAttributes), 0]
  },
})

/**
 * A numbered paragraph. `id` is stable for the paragraph's whole life (edits, moves, revisions): it is
 * not copied when a paragraph is split, so the new half gets a fresh id from whoever split it.
 */
export const DeclarationParagraph = Paragraph.extend({
  addAttributes() {
    return {
      id: {
        default: null,
        keepOnSplit: false,
        parseHTML: (element) => element.getAttribute('data-paragraph-id'),
        renderHTML: (attributes) => (attributes.id ? { 'data-paragraph-id': attributes.id as string } : {}),
      },
      /** A pending proposal about the whole paragraph: to insert it, or to delete it. Written by suggestion. */
      proposal: {
        default: null,
        keepOnSplit: false,
        parseHTML: () => null,
        renderHTML: (attributes) => {
          const proposal = attributes.proposal as { id?: string; kind?: string; delegation?: string } | null
          if (!proposal) return {}
          return {
            'data-proposal-kind': String(proposal.kind),
            'data-delegation': String(proposal.delegation),
            'data-suggestion': String(proposal.id),
          }
        },
      },
      status: {
        default: 'open' satisfies ParagraphStatus,
        keepOnSplit: false,
        parseHTML: (element) => element.getAttribute('data-status') ?? 'open',
        renderHTML: (attributes) => ({ 'data-status': attributes.status as string }),
      },
      kind: {
        default: 'operative' satisfies ParagraphKind,
        keepOnSplit: true,
        parseHTML: (element) => element.getAttribute('data-kind') ?? 'operative',
        renderHTML: (attributes) => ({ 'data-kind': attributes.kind as string }),
      },
    }
  },
})
