/**
 * @module The delegation's private notes on the paragraph holding the cursor. Notes live in a document of
 * the delegation's own, opened over a second connection that only its members can make: other delegations'
 * browsers never receive them.
 */
import { paragraphLabel } from '../extensions/paragraph-numbering.js'
import type { Editor } from '@tiptap/core'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { NOTES } from '../../../workflows/document/format.js'
import { api, type Me } from '../api.js'
import { ticketedWebSocket } from '../collab/ticketed-websocket.js'
import { h } from './dom.js'
import { NOTES_CHANGED, type NoteSource } from '../extensions/note-markers.js'
import { t } from '../i18n.js'

function collabUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`
}

export async function notesPanel(
  editor: Editor,
  me: Me,
  declaration: string,
  markers: NoteSource,
): Promise<HTMLElement> {
  const { document: notesId } = await api.notesTicket(declaration)
  const doc = new Y.Doc()
  new WebsocketProvider(collabUrl(), notesId, doc, {
    WebSocketPolyfill: ticketedWebSocket({
      fetchTicket: () => api.notesTicket(declaration).then((t) => t.ticket),
    }),
    disableBc: true,
  })
  const notes = doc.getMap<string>(NOTES)
  // The margin marks the paragraphs this delegation has notes on.
  markers.noted = () => new Set(notes.keys())
  const redraw = () => {
    if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(NOTES_CHANGED, true))
  }
  notes.observe(redraw)
  redraw()
  const label = h('label', { class: 'notes-label', attrs: { for: 'delegation-notes' } })
  const area = h('textarea', {
    class: 'thread-composer',
    attrs: {
      id: 'delegation-notes',
      rows: '3',
      'data-testid': 'delegation-notes',
      placeholder: t('notes.placeholder'),
    },
  })
  let paragraph: { id: string; number: string } | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  const save = () => {
    if (!paragraph) return
    const text = area.value
    if (text.trim()) notes.set(paragraph.id, text)
    else notes.delete(paragraph.id)
  }
  area.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(save, 300)
  })
  area.addEventListener('blur', () => {
    clearTimeout(timer)
    save()
  })

  const render = () => {
    const { $from } = editor.state.selection
    const node = $from.depth >= 1 ? $from.node(1) : null
    const id = node?.type.name === 'paragraph' ? String(node.attrs.id) : null
    const number = id ? paragraphLabel(editor.state, $from.index(0)) : ''
    if (id !== paragraph?.id) {
      if (paragraph) save()
      paragraph = id ? { id, number } : null
      area.value = id ? (notes.get(id) ?? '') : ''
    } else if (document.activeElement !== area && id) {
      area.value = notes.get(id) ?? ''
    }
    area.disabled = !paragraph
    label.textContent = paragraph
      ? `${me.delegationName}'s notes on ${paragraph.number}`
      : `${me.delegationName}'s notes`
  }
  editor.on('selectionUpdate', render)
  notes.observe(render)
  render()
  return h(
    'section',
    { class: 'delegation-notes' },
    h('h2', { class: 'panel-heading' }, t('panel.notes')),
    label,
    area,
  )
}
