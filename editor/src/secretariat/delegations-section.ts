/**
 * @module The conference's delegations on the secretariat's page, each in its colour, renamed in one action (the
 * server keeps names unique in the conference; participants and what they did follow the delegation's id).
 */
import { api, ApiRequestError } from '../api.js'
import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

/** @param onRenamed told after a rename (the participants list shows delegation names too). */
export function delegationsSection(onRenamed: () => void): {
  element: HTMLElement
  refresh: () => Promise<void>
} {
  const list = h('ul', { class: 'secretariat-delegations', attrs: { 'data-testid': 'delegations' } })
  const message = h('p', { attrs: { 'aria-live': 'polite' } })
  async function refresh(): Promise<void> {
    const delegations = await api.delegations()
    list.replaceChildren(
      ...delegations.map((d) => {
        const rename = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('sec.rename'))
        rename.addEventListener('click', () => {
          const name = prompt(t('sec.newName', { name: d.name }), d.name)?.trim()
          if (!name || name === d.name) return
          api.renameDelegation(d.id, name).then(
            () => {
              message.textContent = ''
              onRenamed()
              return refresh()
            },
            (error: unknown) =>
              (message.textContent = error instanceof ApiRequestError ? error.message : String(error)),
          )
        })
        return h(
          'li',
          { attrs: { 'data-delegation': d.id } },
          h('span', { class: 'presence-dot', style: { background: d.colour } }),
          ` ${d.name}${d.country ? ` (${d.country})` : ''} `,
          rename,
        )
      }),
    )
  }
  return {
    element: h('section', { class: 'secretariat-section' }, h('h2', {}, t('sec.delegations')), list, message),
    refresh,
  }
}
