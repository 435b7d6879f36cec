/**
 * @module Participants and their invitations on the secretariat's page: each person with their delegation, role
 * and link; a new link for a lost card (the old one stops working and its sessions end); rename, change role,
 * remove and add one by hand (the server holds each to the roster file's rules and says why it refuses); the links
 * as a CSV for a mail merge and as printable cards with QR codes for the registration desk.
 */
import { ROLES } from '../../../workflows/conference/roles.js'
import { refusedRosterChange } from '../../../workflows/rules/rulebook.js'
import { api, type InvitationSummary } from '../api.js'
import { h } from '../ui/dom.js'
import { language, t } from '../i18n.js'

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
    const renew = h('button', { class: 'quiet-button', attrs: { type: 'button' } }, t('sec.newLink'))
    renew.addEventListener('click', () => {
      if (!confirm(t('sec.askNewLink', { name: invitation.name }))) return
      void api.reissueInvitation(invitation.participant).then(({ url }) => {
        link.textContent = url
        renew.textContent = t('sec.newLinkIssued')
      })
    })
    // The server refuses these for oneself (workflows/rules): the controls say so by being off.
    const self = refusedRosterChange(me, invitation.participant) !== undefined
    const role = h(
      'select',
      {
        attrs: {
          'aria-label': t('sec.roleOf', { name: invitation.name }),
          ...(self ? { disabled: '' } : {}),
        },
      },
      ...ROLES.map((r) =>
        h(
          'option',
          { attrs: { value: r, ...(r === invitation.role ? { selected: '' } : {}) } },
          t(`role.${r}`),
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
      t('sec.rename'),
    )
    rename.addEventListener('click', () => {
      const name = prompt(t('sec.newName', { name: invitation.name }), invitation.name)?.trim()
      if (name && name !== invitation.name) void done(api.changeParticipant(invitation.participant, { name }))
    })
    const remove = h(
      'button',
      { class: 'quiet-button', attrs: { type: 'button', ...(self ? { disabled: '' } : {}) } },
      t('sec.remove'),
    )
    remove.addEventListener('click', () => {
      if (confirm(t('sec.askRemove', { name: invitation.name, delegation: invitation.delegationName })))
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
    delegation: field(t('sec.delegation'), { list: 'known-delegations' }),
    country: field(t('sec.country')),
    name: field(t('sec.participantName')),
    function: field(t('sec.function')),
    email: field(t('sec.email'), { type: 'email' }),
    role: h(
      'select',
      { attrs: { 'aria-label': t('sec.newRole') } },
      ...ROLES.map((r) =>
        h('option', { attrs: { value: r, ...(r === 'drafter' ? { selected: '' } : {}) } }, t(`role.${r}`)),
      ),
    ),
  }
  const known = h('datalist', { attrs: { id: 'known-delegations' } })
  const addButton = h('button', { attrs: { type: 'button' } }, t('sec.add'))
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
    h('h2', {}, `${t('sec.participants')} `, count),
    h(
      'p',
      {},
      `${t('sec.handOut')} `,
      h(
        'a',
        { attrs: { href: `/api/invitations?format=pdf&lang=${language}`, download: '' } },
        t('sec.cards'),
      ),
      ' · ',
      h('a', { attrs: { href: '/api/invitations?format=csv', download: '' } }, t('sec.mailMerge')),
    ),
    message,
    h(
      'table',
      { class: 'participants', attrs: { 'data-testid': 'participants' } },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            t('sec.delegation'),
            t('sec.column.name'),
            t('sec.column.role'),
            t('sec.email'),
            t('sec.column.invitation'),
            '',
          ].map((label) => h('th', {}, label)),
        ),
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
