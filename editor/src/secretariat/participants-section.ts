/**
 * @module Participants and their invitations on the secretariat's page: each person with their delegation, role
 * and link; a new link for a lost card (the old one stops working and its sessions end); rename, change role,
 * remove and add one by hand (the server holds each to the roster file's rules and says why it refuses); the links
 * as a CSV for a mail merge and as printable cards with QR codes for the registration desk.
 */
import { ROLE_LABELS, ROLES } from '../../../workflows/conference/roles.js'
import { refusedRosterChange } from '../../../workflows/rules/rulebook.js'
import { api, type InvitationSummary } from '../api.js'
import { h } from '../ui/dom.js'

export function participantsSection(me: string): { element: HTMLElement; refresh: () => Promise<void> } {
  const body = h('tbody')
  const count = h('span')
  const message = h('p', { class: 'roster-problems-head', attrs: { 'aria-live': 'polite' } })
  const done = (then: Promise<unknown>) =>
    then.then(
      () => {
        message.textContent = ''
        return refresh()
      },
      (error: unknown) => {
        // The table goes back to what the server holds (a refused role change, say).
        void refresh().then(() => {
          message.textContent = error instanceof Error ? error.message : String(error)
        })
      },
    )

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
    // The server refuses these for oneself (workflows/rules): the controls say so by being off.
    const self = refusedRosterChange(me, invitation.participant) !== undefined
    const role = h(
      'select',
      { attrs: { 'aria-label': `Role of ${invitation.name}`, ...(self ? { disabled: '' } : {}) } },
      ...ROLES.map((r) =>
        h(
          'option',
          { attrs: { value: r, ...(r === invitation.role ? { selected: '' } : {}) } },
          ROLE_LABELS[r],
        ),
      ),
    )
    role.addEventListener(
      'change',
      () => void done(api.changeParticipant(invitation.participant, { role: role.value })),
    )
    const rename = h(
      'button',
      { class: 'quiet-button', attrs: { type: 'button', ...(self ? { disabled: '' } : {}) } },
      'Rename',
    )
    rename.addEventListener('click', () => {
      const name = prompt(`New name for ${invitation.name}`, invitation.name)?.trim()
      if (name && name !== invitation.name) void done(api.changeParticipant(invitation.participant, { name }))
    })
    const remove = h(
      'button',
      { class: 'quiet-button', attrs: { type: 'button', ...(self ? { disabled: '' } : {}) } },
      'Remove',
    )
    remove.addEventListener('click', () => {
      if (
        confirm(
          `Remove ${invitation.name} (${invitation.delegationName}) from the conference? Their link stops working; what they did keeps their name.`,
        )
      )
        void done(api.removeParticipant(invitation.participant))
    })
    return h(
      'tr',
      { attrs: { 'data-participant': invitation.participant } },
      h('td', {}, invitation.delegationName),
      h('td', {}, invitation.name, invitation.function ? h('small', {}, ` ${invitation.function}`) : null),
      h('td', {}, role),
      h('td', {}, invitation.email),
      h('td', {}, link, ' ', renew),
      h('td', {}, rename, ' ', remove),
    )
  }

  const field = (label: string, attrs: Record<string, string> = {}) =>
    h('input', { attrs: { type: 'text', 'aria-label': label, placeholder: label, ...attrs } })
  const add = {
    delegation: field('Delegation', { list: 'known-delegations' }),
    country: field('Country'),
    name: field('Participant name'),
    function: field('Function'),
    email: field('E-mail', { type: 'email' }),
    role: h(
      'select',
      { attrs: { 'aria-label': 'Role of the new participant' } },
      ...ROLES.map((r) =>
        h('option', { attrs: { value: r, ...(r === 'drafter' ? { selected: '' } : {}) } }, ROLE_LABELS[r]),
      ),
    ),
  }
  const known = h('datalist', { attrs: { id: 'known-delegations' } })
  const addButton = h('button', { attrs: { type: 'button' } }, 'Add participant')
  addButton.addEventListener('click', () => {
    void done(
      api
        .addParticipant({
          delegation: add.delegation.value.trim(),
          country: add.country.value.trim(),
          name: add.name.value.trim(),
          function: add.function.value.trim(),
          role: add.role.value,
          email: add.email.value.trim(),
        })
        .then(() => {
          for (const input of [add.name, add.function, add.email]) input.value = ''
        }),
    )
  })

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
    message,
    h(
      'table',
      { class: 'participants', attrs: { 'data-testid': 'participants' } },
      h(
        'thead',
        {},
        h('tr', {}, ...['Delegation', 'Name', 'Role', 'E-mail', 'Invitation', ''].map((t) => h('th', {}, t))),
      ),
      body,
    ),
    h(
      'p',
      { class: 'add-participant' },
      add.delegation,
      known,
      add.country,
      add.name,
      add.function,
      add.role,
      add.email,
      addButton,
    ),
  )
  async function refresh(): Promise<void> {
    const invitations = await api.invitations()
    count.textContent = `(${invitations.length})`
    body.replaceChildren(...invitations.map(row))
    known.replaceChildren(
      ...[...new Set(invitations.map((i) => i.delegationName))].map((name) =>
        h('option', { attrs: { value: name } }),
      ),
    )
  }
  return { element, refresh }
}
