/**
 * @module The secretariat's page (`/secretariat`): the conference's facts, its roster from the secretariat's own
 * file, its participants and their invitations, its delegations, its documents. Shown to the secretariat only; the
 * server refuses everything here to anyone else whatever the page shows.
 */
import { api, type Me } from '../api.js'
import { h } from '../ui/dom.js'
import { conferenceSection } from './conference-section.js'
import { delegationsSection } from './delegations-section.js'
import { documentsSection } from './documents-section.js'
import { participantsSection } from './participants-section.js'
import { rosterSection } from './roster-section.js'
import { languagePicker, offerLanguages, t } from '../i18n.js'

export async function openSecretariatPage(root: HTMLElement, me: Me): Promise<void> {
  const conference = await api.conference()
  const participants = participantsSection(me.participant)
  const delegations = delegationsSection(() => void participants.refresh())
  const refresh = () => Promise.all([participants.refresh(), delegations.refresh()])
  const picker = languagePicker()
  offerLanguages(picker, conference?.languages)
  root.replaceChildren(
    h(
      'header',
      { class: 'top-bar' },
      h('span', { class: 'brand' }, 'Accord'),
      h('span', { class: 'document-title' }, t('sec.title', { conference: conference?.name ?? '' })),
      h('span', { class: 'me', style: { color: me.colour } }, `${me.name} · ${me.delegationName}`),
      picker,
    ),
    h(
      'main',
      { class: 'secretariat', attrs: { 'data-testid': 'secretariat' } },
      conference ? conferenceSection(conference) : null,
      rosterSection(() => void refresh()),
      participants.element,
      delegations.element,
      await documentsSection(),
    ),
  )
  await refresh()
}
