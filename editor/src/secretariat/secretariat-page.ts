/**
 * @module The secretariat's page (`/secretariat`): the conference at a glance, its roster from the secretariat's
 * own file, its participants and their invitations, its documents. Shown to the secretariat only; the server
 * refuses everything here to anyone else whatever the page shows.
 */
import { api, type Me } from '../api.js'
import { h } from '../ui/dom.js'
import { documentsSection } from './documents-section.js'
import { participantsSection } from './participants-section.js'
import { rosterSection } from './roster-section.js'

export async function openSecretariatPage(root: HTMLElement, me: Me): Promise<void> {
  const conference = await api.conference()
  const participants = participantsSection(me.participant)
  const facts = [
    conference?.localName,
    conference?.hostLocality,
    conference?.venue,
    conference?.startsOn && conference.endsOn ? `${conference.startsOn} – ${conference.endsOn}` : '',
    conference?.hostTimeZone,
  ].filter(Boolean)
  root.replaceChildren(
    h(
      'header',
      { class: 'top-bar' },
      h('span', { class: 'brand' }, 'Accord'),
      h('span', { class: 'document-title' }, `Secretariat — ${conference?.name ?? ''}`),
      h('span', { class: 'me', style: { color: me.colour } }, `${me.name} · ${me.delegationName}`),
    ),
    h(
      'main',
      { class: 'secretariat', attrs: { 'data-testid': 'secretariat' } },
      h(
        'section',
        { class: 'secretariat-section' },
        h('h2', {}, conference?.name ?? ''),
        h('p', {}, facts.join(' · ')),
      ),
      rosterSection(() => void participants.refresh()),
      participants.element,
      await documentsSection(),
    ),
  )
  await participants.refresh()
}
