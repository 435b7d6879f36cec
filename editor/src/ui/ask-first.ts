/**
 * @module No irreversible act by one click: a question in place — what is about to happen, in words — with an
 * explicit button to go ahead and one to cancel. Shown after the control that asked, which is hidden meanwhile;
 * the go button takes the focus, Escape cancels.
 */
import { h } from './dom.js'
import { t } from '../i18n.js'

export interface Question {
  /** Short, for screen readers: "Adopt the text?" */
  label: string
  /** What will happen, in words. */
  body: (string | Node)[]
  /** The button that goes ahead: "Adopt the text". */
  go: string
  onGo: () => void
  testId?: string
}

export function askFirst(asker: HTMLElement, question: Question): HTMLElement {
  const go = h('button', { class: 'ask-first-go', attrs: { type: 'button' } }, question.go)
  const cancel = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('ask.cancel'))
  const dialog = h(
    'div',
    {
      class: 'ask-first',
      attrs: {
        role: 'alertdialog',
        'aria-label': question.label,
        ...(question.testId ? { 'data-testid': question.testId } : {}),
      },
    },
    h('p', {}, ...question.body),
    go,
    ' ',
    cancel,
  )
  const close = () => {
    dialog.remove()
    asker.hidden = false
    asker.focus()
  }
  cancel.addEventListener('click', close)
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close()
  })
  go.addEventListener('click', () => {
    close()
    question.onGo()
  })
  asker.hidden = true
  asker.after(dialog)
  go.focus()
  return dialog
}
