/**
 * @module "Not accepted": the words of changes the server refused, kept on the device with the reason in
 * plain language until the participant proposes them again or dismisses them. Shown above the text, so that
 * nobody misses that something they typed is not in the declaration.
 */
import type { Editor } from '@tiptap/core'
import { deviceStore, type RefusedChange } from '../collab/device-store.js'
import { h } from '../ui/dom.js'
import { proposeAgain } from './propose-again.js'
import { language, t } from '../i18n.js'
import { inLanguage } from '../../../workflows/i18n/server-messages.js'

export interface RefusedPanel {
  element: HTMLElement
  show(changes: readonly RefusedChange[]): void
}

export function refusedPanel(editor: () => Editor | null, delegation: string): RefusedPanel {
  const element = h('section', {
    class: 'refused-changes',
    attrs: { 'data-testid': 'refused-changes', role: 'alert' },
  })
  let shown: RefusedChange[] = []

  const render = () => {
    element.hidden = shown.length === 0
    element.replaceChildren(h('h2', {}, t('refused.heading')), ...shown.map((change) => item(change)))
  }

  const remove = (change: RefusedChange) => {
    shown = shown.filter((c) => c !== change)
    void deviceStore.dismissRefused(change.owner, change.seq).catch(() => undefined)
    render()
  }

  const item = (change: RefusedChange) => {
    const again = h('button', { attrs: { type: 'button' } }, t('refused.again'))
    const copy = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('refused.copy'))
    const dismiss = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('refused.dismiss'))
    const status = h('span', { class: 'refused-status' })
    again.addEventListener('click', () => {
      const current = editor()
      if (!current) return
      again.disabled = true
      proposeAgain(
        current,
        { id: change.paragraph, label: change.label, text: change.text, after: change.after ?? null },
        delegation,
      )
        .then((pieces) => {
          if (pieces > 0) remove(change)
          else {
            status.textContent = t('refused.nothing')
            again.disabled = false
          }
        })
        .catch((error: unknown) => {
          status.textContent = t('refused.failed', { error: String(error) })
          again.disabled = false
        })
    })
    copy.addEventListener('click', () => void navigator.clipboard?.writeText(change.text))
    dismiss.addEventListener('click', () => remove(change))
    return h(
      'article',
      {
        class: 'refused-change',
        attrs: { 'data-testid': 'refused-change', 'data-paragraph-id': change.paragraph },
      },
      h('p', { class: 'refused-reason' }, `${change.label}: ${inLanguage(language, change.reason)}`),
      h('blockquote', { class: 'refused-text' }, change.text || t('refused.empty')),
      h('div', { class: 'refused-actions' }, again, copy, dismiss, status),
    )
  }

  render()
  return {
    element,
    show(changes) {
      shown = [...shown, ...changes]
      render()
    },
  }
}
