/**
 * @module The room's screen (meeting mode, issue 19): what the projector shows when its invitation opens the page —
 * the paragraph on the floor in large type with its pending proposals in the delegations' colours (the editor draws
 * them, read-only), beside it who proposed what, and the speakers' list with the timer. No chrome: no menus, no
 * buttons. It follows the floor by itself; with nothing on the floor it shows the whole text.
 */
import type { Editor } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import type * as Y from 'yjs'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { suggestionKindOf } from '../../../workflows/rules/suggestions.js'
import type { DelegationSummary } from '../api.js'
import { supportersOf, type Support } from '../../../workflows/meeting/support.js'
import { t } from '../i18n.js'
import { h } from './dom.js'
import { floorOf } from './floor-bar.js'

/** A pending proposal in a paragraph, as the room reads it. */
export interface FloorProposal {
  id: string
  delegation: string
  kind: 'insertion' | 'deletion'
  words: string
}

/** The pending proposals in a paragraph, in the order their words appear (one entry per proposal). */
export function proposalsIn(paragraph: ProseMirrorNode): FloorProposal[] {
  const byId = new Map<string, FloorProposal>()
  paragraph.descendants((node) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      const kind = suggestionKindOf(mark.type.name)
      const { id, delegation } = mark.attrs as { id: string | null; delegation: string | null }
      if (!kind || !id || !delegation) continue
      const entry = byId.get(id) ?? { id, delegation, kind, words: '' }
      entry.words += node.text ?? ''
      byId.set(id, entry)
    }
    return true
  })
  return [...byId.values()]
}

export function projectorMode(options: {
  page: HTMLElement
  side: HTMLElement
  editor: Editor
  doc: Y.Doc
  delegations: DelegationSummary[]
  support: () => Support
}): void {
  const { page, side, editor, doc } = options
  const names = new Map(options.delegations.map((d) => [d.id, d.name]))
  page.classList.add('projector')
  const list = h('ul', { class: 'floor-proposals', attrs: { 'data-testid': 'floor-proposals' } })
  const section = h(
    'section',
    { class: 'floor-proposals-panel' },
    h('h2', { class: 'panel-heading' }, t('projector.proposals')),
    list,
  )
  side.prepend(section)

  let shown = ''
  const draw = () => {
    const floor = floorOf(doc)
    page.classList.toggle('has-floor', floor !== null)
    section.hidden = floor === null
    let proposals: FloorProposal[] = []
    editor.state.doc.forEach((node) => {
      if (floor && node.attrs.id === floor.paragraph) proposals = proposalsIn(node)
    })
    const support = options.support()
    const signature = JSON.stringify([proposals, proposals.map((p) => supportersOf(support, p.id))])
    if (signature === shown) return
    shown = signature
    list.replaceChildren(
      ...proposals.map((p) =>
        h(
          'li',
          { attrs: { 'data-delegation': p.delegation, 'data-suggestion': p.id } },
          h('span', { class: 'suggestion-swatch', attrs: { 'data-delegation': p.delegation } }),
          ' ',
          h('strong', {}, names.get(p.delegation) ?? p.delegation),
          ` ${p.kind === 'insertion' ? t('projector.adds') : t('projector.deletes')} `,
          h(p.kind === 'insertion' ? 'ins' : 'del', {}, `“${p.words.trim()}”`),
          supportersOf(support, p.id).length > 0 &&
            h(
              'span',
              { class: 'suggestion-supporters', attrs: { 'data-testid': 'supporters' } },
              t('support.by', {
                count: supportersOf(support, p.id).length,
                names: supportersOf(support, p.id)
                  .map((d) => names.get(d) ?? d)
                  .join(', '),
              }),
            ),
        ),
      ),
    )
    if (proposals.length === 0) list.replaceChildren(h('li', { class: 'empty' }, t('projector.none')))
  }
  let pending = false
  const later = () => {
    if (pending) return
    pending = true
    requestAnimationFrame(() => {
      pending = false
      draw()
      const floor = floorOf(doc)
      if (floor)
        document
          .querySelector(`.declaration-text [data-paragraph-id="${CSS.escape(floor.paragraph)}"]`)
          ?.scrollIntoView({ block: 'start' })
    })
  }
  editor.on('update', later)
  // After the Yjs transaction (never touch the view from inside its observers).
  doc.getMap(WORKFLOW).observe(() => queueMicrotask(later))
  draw()
}
