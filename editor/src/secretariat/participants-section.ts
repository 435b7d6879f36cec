/**
 * @module Participants and their invitations on the secretariat's page: each person with their delegation, role
 * and link; a new link for a lost card (the old one stops working and its sessions end); the links as a CSV for a
 * mail merge and as printable cards with QR codes for the registration desk.
 */
import { isRole, ROLE_LABELS } from '../../../workflows/conference/roles.js'
import { api, type InvitationSummary } from '../api.js'
import { h } from '../ui/dom.js'

export function participantsSection(): { element: HTMLElement; refresh: () => Promise<void> } {
  const body = h('tbody')
  const count = h('span')
  const row = (invitation: InvitationSummary) => {
    const link = h('code', { class: 'invitation-link' }, invitation.url)
    const renew = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, 'New link')
    renew.addEventListener('click', () => {
      if (
        !confirm(
          `${invitation.name}'s current link will stop working and their sessions will end. Issue a new link?`,
        )
      )
        return
      void api.reissueInvitation(invitation.participant).then(({ url }) => {
        link.textContent = url
        renew.textContent = 'New link issued'
      })
    })
    return h(
      'tr',
      { attrs: { 'data-participant': invitation.participant } },
      h('td', {}, invitation.delegationName),
      h('td', {}, invitation.name, invitation.function ? h('small', {}, ` ${invitation.function}`) : null),
      h('td', {}, isRole(invitation.role) ? ROLE_LABELS[invitation.role] : invitation.role),
      h('td', {}, invitation.email),
      h('td', {}, link, ' ', renew),
    )
  }
  const element = h(
    'section',
    { class: 'secretariat-section' },
    h('h2', {}, 'Participants and invitations ', count),
    h(
      'p',
      {},
      'Hand out each link by hand or by mail: ',
      h('a', { attrs: { href: '/api/invitations?format=pdf', download: '' } }, 'Invitation cards (PDF)'),
      ' · ',
      h(
        'a',
        { attrs: { href: '/api/invitations?format=csv', download: '' } },
        'Links for a mail merge (CSV)',
      ),
    ),
    h(
      'table',
      { class: 'participants', attrs: { 'data-testid': 'participants' } },
      h(
        'thead',
        {},
        h('tr', {}, ...['Delegation', 'Name', 'Role', 'E-mail', 'Invitation'].map((t) => h('th', {}, t))),
      ),
      body,
    ),
  )
  return {
    element,
    async refresh() {
      const invitations = await api.invitations()
      count.textContent = `(${invitations.length})`
      body.replaceChildren(...invitations.map(row))
    },
  }
}
