/**
 * @module Meeting mode's floor on the page (issue 19, first slice): which paragraph the room is reading, marked in
 * the text; "Go there" brings it into view, and "Follow the chair" keeps it there as the floor moves. The chair
 * (or the secretariat, operating the screen) puts the paragraph at the caret on the floor — with the words selected
 * in it, if any, which every page highlights and the bar quotes — or clears it.
 */
import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import { FLOOR, WORKFLOW } from '../../../workflows/document/format.js'
import { floorFrom, type Floor } from '../../../workflows/meeting/floor.js'
import { may } from '../../../workflows/rules/rulebook.js'
import type { Stage } from '../../../workflows/conference/roles.js'
import { api, type Me } from '../api.js'
import { FLOOR_MOVED } from '../extensions/floor-marker.js'
import { t } from '../i18n.js'
import { h } from './dom.js'

export const floorOf = (doc: Y.Doc): Floor | null => floorFrom(doc.getMap(WORKFLOW).get(FLOOR))

export function floorBar(options: {
  editor: Editor
  doc: Y.Doc
  me: Me
  document: string
  stage: () => Stage
}): HTMLElement {
  const { editor, doc, me } = options
  const where = h('strong', { attrs: { 'data-testid': 'floor-paragraph' } })
  const words = h('q', { class: 'floor-words-quote', attrs: { 'data-testid': 'floor-words' } })
  const go = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'floor-go' } },
    t('floor.go'),
  )
  const follow = h('input', { attrs: { type: 'checkbox', 'data-testid': 'floor-follow' } })
  const put = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'floor-put' } },
    t('floor.put'),
  )
  const clear = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'floor-clear' } },
    t('floor.clear'),
  )
  const status = h('span', { class: 'suggestion-status', attrs: { role: 'status' } })
  const onFloor = h(
    'span',
    {},
    `${t('floor.on')} `,
    where,
    ' ',
    words,
    ' ',
    go,
    ' ',
    h('label', {}, follow, ` ${t('floor.follow')}`),
  )
  const bar = h(
    'div',
    { class: 'floor-bar', attrs: { 'data-testid': 'floor-bar' } },
    onFloor,
    ' ',
    put,
    ' ',
    clear,
    ' ',
    status,
  )

  const show = () => {
    const floor = floorOf(doc)
    where.textContent = floor?.number ?? ''
    words.textContent = floor?.words?.quote ?? ''
    words.hidden = !floor?.words
    onFloor.hidden = !floor
    const operates = may(me.role, 'move the floor', options.stage())
    put.hidden = !operates
    clear.hidden = !operates || !floor
    bar.hidden = !floor && !operates
  }
  const bringIntoView = () => {
    const floor = floorOf(doc)
    if (!floor) return
    document
      .querySelector(`.declaration-text [data-paragraph-id="${CSS.escape(floor.paragraph)}"]`)
      ?.scrollIntoView({ block: 'center' })
  }
  const fail = (error: unknown) =>
    (status.textContent = error instanceof Error ? error.message : String(error))
  go.addEventListener('click', bringIntoView)
  // Whoever starts following the chair is taken to where the chair is now, not only at the next move.
  follow.addEventListener('change', () => {
    if (follow.checked) bringIntoView()
  })
  put.addEventListener('click', () => {
    status.textContent = ''
    const { $from, $to, empty } = editor.state.selection
    const paragraph = $from.depth >= 1 ? $from.node(1) : null
    if (paragraph?.type.name !== 'paragraph') return void (status.textContent = t('floor.placeCaret'))
    // Words selected within the paragraph go on the floor with it.
    const words =
      !empty && $from.parent === $to.parent && $from.parent.isTextblock
        ? { startOffset: $from.parentOffset, endOffset: $to.parentOffset }
        : undefined
    api.moveFloor(options.document, String(paragraph.attrs.id), words).catch(fail)
  })
  clear.addEventListener('click', () => api.moveFloor(options.document, null).catch(fail))

  // Each move is its own (the same paragraph may be put on the floor again with other words).
  const moveOf = (floor: Floor | null) => (floor ? `${floor.paragraph} ${floor.at}` : null)
  let shown = moveOf(floorOf(doc))
  // After the transaction (never update the view from inside a Yjs transaction's observers).
  doc.getMap(WORKFLOW).observe((event) => {
    if (!event.keysChanged.has(FLOOR) && !event.keysChanged.has('stage')) return
    queueMicrotask(() => {
      show()
      const now = moveOf(floorOf(doc))
      if (now === shown) return
      shown = now
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(FLOOR_MOVED, true))
      if (follow.checked) bringIntoView()
    })
  })
  show()
  return bar
}
