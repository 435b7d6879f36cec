/**
 * @module Who is here: one entry per participant present (several tabs count once), with name and
 * delegation in the delegation's colour. The server stamps these from its records.
 */
import type { Awareness } from 'y-protocols/awareness'
import { h } from './dom.js'
import { t } from '../i18n.js'

interface PresentUser {
  participant: string
  delegation: string
  name: string
  delegationName: string
  color: string
}

function presentUsers(awareness: Awareness): PresentUser[] {
  const byParticipant = new Map<string, PresentUser>()
  for (const state of awareness.getStates().values()) {
    const user = state.user as Partial<PresentUser> | undefined
    if (!user?.participant || !user.name) continue
    byParticipant.set(user.participant, {
      participant: user.participant,
      delegation: user.delegation ?? '',
      name: user.name,
      delegationName: user.delegationName ?? '',
      color: user.color ?? '#555',
    })
  }
  return [...byParticipant.values()].sort((a, b) => a.delegationName.localeCompare(b.delegationName))
}

/**
 * `speaking` names the delegation holding the floor in meeting mode, marked in the list (the speakers' panel keeps
 * the mark right as turns change; this keeps it as people come and go).
 */
export function presenceList(
  awareness: Awareness,
  me: string,
  speaking: () => string | null = () => null,
): HTMLElement {
  const list = h('ul', { class: 'presence-list', attrs: { 'data-testid': 'presence' } })
  const heading = h('h2', { class: 'panel-heading' })
  // Carets move with every keystroke of everyone present; the list changes only when people come and go.
  let shown: string | null = null
  const render = () => {
    const users = presentUsers(awareness)
    const signature = JSON.stringify(users)
    if (signature === shown) return
    shown = signature
    heading.textContent = t('panel.present', { count: users.length })
    list.replaceChildren(
      ...users.map((user) =>
        h(
          'li',
          {
            class: user.delegation === speaking() ? 'speaking' : '',
            attrs: { 'data-participant': user.participant, 'data-delegation': user.delegation },
          },
          h('span', { class: 'presence-dot', style: { backgroundColor: user.color } }),
          h(
            'span',
            { class: 'presence-text' },
            h(
              'span',
              { class: 'presence-name', style: { color: user.color } },
              user.name,
              user.participant === me ? ` (${t('you')})` : '',
            ),
            h('span', { class: 'presence-delegation' }, user.delegationName),
          ),
        ),
      ),
    )
  }
  awareness.on('change', render)
  render()
  return h('section', { class: 'presence' }, heading, list)
}
