/**
 * @module Commenting where the words are: selecting words shows a "Comment" button beside the selection, and
 * Ctrl+Alt+M (as in Google Docs) does the same from the keyboard; both bring the comment box forward with the
 * selected words named, the selection kept.
 */
import type { Editor } from '@tiptap/core'
import type { ThreadsPanel } from './threads-panel.js'
import { h } from './dom.js'
import { t } from '../i18n.js'

export function commentFromSelection(editor: Editor, threads: ThreadsPanel): void {
  const button = h(
    'button',
    {
      class: 'comment-here',
      attrs: {
        type: 'button',
        'data-testid': 'comment-selection',
        'aria-label': t('comment.selection'),
        title: t('comment.selection'),
      },
    },
    t('comment.here'),
  )
  button.hidden = true
  document.body.append(button)
  // Pressing the button must not take the selection away from the text before it is read.
  button.addEventListener('mousedown', (event) => event.preventDefault())
  button.addEventListener('click', () => {
    button.hidden = true
    threads.startComment()
  })

  const place = () => {
    const { from, to, empty } = editor.state.selection
    if (empty || !threads.canComment() || !editor.view.hasFocus()) {
      button.hidden = true
      return
    }
    const end = editor.view.coordsAtPos(to)
    const start = editor.view.coordsAtPos(from)
    button.hidden = false
    button.style.top = `${Math.max(start.top, 0) - 2}px`
    button.style.left = `${Math.min(end.right + 8, window.innerWidth - button.offsetWidth - 8)}px`
  }
  editor.on('selectionUpdate', place)
  editor.on('blur', () => setTimeout(place, 0))
  editor.on('focus', place)
  window.addEventListener('scroll', () => (button.hidden ? undefined : place()), { passive: true })

  editor.view.dom.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm')) return
    event.preventDefault()
    if (editor.state.selection.empty || !threads.canComment()) return
    button.hidden = true
    threads.startComment()
  })
}
