/**
 * @module The consensus call: every member delegation's position at a glance (colours and a legend), live, the
 * statements and reasons beside it, and — for a head, or the chair for the host — the form to record its
 * delegation's position (a reservation's paragraphs chosen from a list) and what is on record. The grid comes from
 * the server (`GET /api/documents/:id/consensus`), refreshed whenever the server-written workflow changes.
 */
import type { Editor } from '@tiptap/core'
import type * as Y from 'yjs'
import type { Stage } from '../../../workflows/conference/roles.js'
import { POSITION_KINDS, type GridPosition } from '../../../workflows/consensus/positions.js'
import { describeInHostTime } from '../../../workflows/conference/host-time.js'
import { paragraphChooser } from './paragraph-chooser.js'
import { askFirst } from './ask-first.js'
import { groupedFingerprint, passkeyControls, signWithPasskey } from './passkey-controls.js'
import { positionsList } from './positions-list.js'
import { WORKFLOW } from '../../../workflows/document/format.js'
import { may } from '../../../workflows/rules/rulebook.js'
import { api, type DelegationSummary, type Me } from '../api.js'
import type { FinalText } from '../../../workflows/consensus/endorsements.js'
import { h } from './dom.js'
import { silenceControls } from './silence-controls.js'
import { locale, t } from '../i18n.js'

export interface ConsensusPanelOptions {
  editor: Editor
  doc: Y.Doc
  me: Me
  document: string
  delegations: DelegationSummary[]
  hostTimeZone: string
  stage: () => Stage
  /** The declaration's title, said when a head signs. */
  title: string
}

export function consensusPanel({
  editor,
  doc,
  me,
  document: documentId,
  delegations,
  hostTimeZone,
  stage,
  title,
}: ConsensusPanelOptions): HTMLElement {
  const names = new Map(delegations.map((d) => [d.id, d.name]))
  const silence = silenceControls({ doc, me, document: documentId, hostTimeZone, stage, names })
  const summary = h('p', { class: 'consensus-summary', attrs: { 'data-testid': 'consensus-summary' } })
  const grid = h('ul', { class: 'consensus-grid', attrs: { 'data-testid': 'consensus-grid' } })
  const legend = h(
    'ul',
    { class: 'status-legend' },
    ...(['pending', ...POSITION_KINDS, 'silent'] as const).map((k) =>
      h('li', { attrs: { 'data-position': k } }, h('span', { class: 'position-chip' }), t(`position.${k}`)),
    ),
  )
  const kind = h(
    'select',
    {
      class: 'suggestion-filter',
      attrs: { 'data-testid': 'position-kind', 'aria-label': t('consensus.positionKind') },
    },
    ...POSITION_KINDS.map((k) => h('option', { attrs: { value: k } }, t(`position.${k}`))),
  )
  const statement = h('textarea', {
    class: 'thread-composer',
    attrs: {
      rows: '2',
      placeholder: t('consensus.statement'),
      'data-testid': 'position-statement',
    },
  })
  const record = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'position-record' } },
    t('consensus.record'),
  )
  // A reservation concerns paragraphs the head chooses from a list (the caret's paragraph to begin with).
  const chooser = paragraphChooser(editor, t('consensus.paragraphs'), 'position-paragraphs')
  const showChooser = () => {
    chooser.element.hidden = kind.value !== 'reservation'
    if (!chooser.element.hidden) chooser.refresh()
  }
  kind.addEventListener('change', showChooser)
  showChooser()
  // What this delegation has on record for the current text, and when: the head's confirmation.
  const recorded = h('p', { class: 'position-recorded', attrs: { 'data-testid': 'position-recorded' } })
  const form = h('div', { class: 'position-form' }, kind, chooser.element, statement, record, recorded)
  const status = h('p', { class: 'suggestion-status', attrs: { role: 'status' } })
  const statements = positionsList((paragraph) =>
    window.document
      .querySelector(`.declaration-text p[data-paragraph-id="${CSS.escape(paragraph)}"]`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
  )

  record.addEventListener('click', () => {
    status.textContent = ''
    api
      .recordPosition(documentId, {
        kind: kind.value,
        statement: statement.value.trim() || undefined,
        paragraphs: kind.value === 'reservation' ? chooser.chosen() : [],
      })
      .then(() => {
        statement.value = ''
        chooser.clear()
      })
      .catch(
        (error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)),
      )
  })

  const sign = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'sign' } },
    t('consensus.sign'),
  )
  const endorse = h(
    'button',
    { class: 'quiet-button', attrs: { type: 'button', 'data-testid': 'endorse' } },
    t('consensus.endorse'),
  )
  const passkey = passkeyControls()
  const signatures = h('ol', { class: 'revision-list', attrs: { 'data-testid': 'signatures' } })
  const endorsements = h('ol', { class: 'revision-list', attrs: { 'data-testid': 'endorsements' } })
  const fail = (error: unknown) =>
    (status.textContent = error instanceof Error ? error.message : String(error))
  // Signing is asked first: what is signed (the title and the adopted text's hash) and who signs for whom.
  const whatIsSigned = (before: 'ask.signBefore' | 'ask.endorseBefore'): (string | Node)[] => {
    const final = doc.getMap(WORKFLOW).get('final') as FinalText | undefined
    return [
      t(before, { delegation: me.delegationName, name: me.name, title }),
      h('code', { class: 'stage-hash', attrs: { 'data-testid': 'signed-hash' } }, final?.hash ?? ''),
      t('ask.signAfter'),
    ]
  }
  sign.addEventListener('click', () => {
    status.textContent = ''
    askFirst(sign, {
      label: t('ask.sign'),
      body: whatIsSigned('ask.signBefore'),
      go: t('ask.signGo', { delegation: me.delegationName }),
      testId: 'sign-question',
      onGo: () =>
        void (passkey.hasPasskey() ? signWithPasskey(documentId, 'signatures') : Promise.resolve(undefined))
          .then((signing) => api.sign(documentId, signing))
          .catch(fail),
    })
  })
  endorse.addEventListener('click', () => {
    status.textContent = ''
    askFirst(endorse, {
      label: t('ask.endorse'),
      body: whatIsSigned('ask.endorseBefore'),
      go: t('ask.endorseGo', { delegation: me.delegationName }),
      testId: 'endorse-question',
      onGo: () =>
        void (passkey.hasPasskey() ? signWithPasskey(documentId, 'endorsements') : Promise.resolve(undefined))
          .then((signing) => api.endorse(documentId, signing))
          .catch(fail),
    })
  })
  const section = h(
    'section',
    { class: 'consensus' },
    h('h2', { class: 'panel-heading' }, t('panel.consensus')),
    summary,
    silence.element,
    grid,
    legend,
    statements.element,
    form,
    passkey.element,
    sign,
    signatures,
    endorse,
    endorsements,
    status,
  )

  async function render(): Promise<void> {
    const inCall = stage() === 'consensus-call'
    section.hidden = !inCall && !doc.getMap(WORKFLOW).get('positions') && !doc.getMap(WORKFLOW).get('final')
    form.hidden = !may(me.role, 'record position', stage())
    silence.render()
    const workflow = doc.getMap(WORKFLOW)
    type Entry = {
      delegation: string
      delegationName?: string
      signatory: string
      at: string
      passkey?: { fingerprint: string }
    }
    const signed = (workflow.get('signatures') as Record<string, Entry> | undefined) ?? {}
    const endorsed = (workflow.get('endorsements') as Record<string, Entry> | undefined) ?? {}
    // The delegations that adopted the text sign it; those admitted since endorse it.
    const adopting =
      (workflow.get('final') as FinalText | undefined)?.members?.includes(me.delegation) ?? true
    sign.hidden = !adopting || !may(me.role, 'sign', stage()) || Boolean(signed[me.delegation])
    endorse.hidden = adopting || !may(me.role, 'endorse', stage()) || Boolean(endorsed[me.delegation])
    passkey.render(!sign.hidden || !endorse.hidden)
    const entries = (all: Record<string, Entry>) =>
      Object.values(all)
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((s) =>
          h(
            'li',
            { attrs: { 'data-delegation': s.delegation } },
            `${names.get(s.delegation) ?? s.delegationName ?? s.delegation} — ${s.signatory}`,
            h('span', { class: 'thread-time' }, describeInHostTime(Date.parse(s.at), hostTimeZone, locale)),
            s.passkey
              ? h(
                  'span',
                  { class: 'thread-time', attrs: { 'data-testid': 'signed-with-passkey' } },
                  t('passkey.signed', { key: groupedFingerprint(s.passkey.fingerprint) }),
                )
              : null,
          ),
        )
    signatures.replaceChildren(...entries(signed))
    endorsements.replaceChildren(...entries(endorsed))
    if (Object.keys(endorsed).length > 0)
      endorsements.prepend(h('li', { class: 'empty' }, t('consensus.endorsedSince')))
    if (section.hidden) return
    const consensus = await api.consensus(documentId)
    summary.textContent = consensus.holds
      ? t('consensus.holds')
      : consensus.objections.length > 0
        ? t('consensus.objection', {
            delegations: consensus.objections.map((d) => names.get(d) ?? d).join(', '),
          })
        : t('consensus.pending', { count: consensus.counts.pending ?? 0, total: consensus.rows.length })
    statements.render(consensus.rows, names, hostTimeZone)
    const mine = consensus.rows.find((r) => r.delegation === me.delegation)
    recorded.textContent =
      mine?.at && mine.position !== 'pending'
        ? t('consensus.onRecord', {
            delegation: names.get(me.delegation) ?? me.delegation,
            position: t(`position.${mine.position as GridPosition}`),
            paragraphs: mine.paragraphs?.length
              ? t('consensus.onParagraphs', { paragraphs: mine.paragraphs.map((p) => p.number).join(', ') })
              : '',
            at: describeInHostTime(Date.parse(mine.at), hostTimeZone, locale),
          })
        : ''
    grid.replaceChildren(
      ...consensus.rows.map((row) =>
        h(
          'li',
          {
            attrs: {
              'data-delegation': row.delegation,
              'data-position': row.position,
              title: t(`position.${row.position as GridPosition}`),
            },
          },
          h('span', { class: 'position-chip' }),
          names.get(row.delegation) ?? row.delegation,
        ),
      ),
    )
  }

  doc.getMap(WORKFLOW).observe(() => void render().catch(() => undefined))
  void render().catch(() => undefined)
  return section
}
