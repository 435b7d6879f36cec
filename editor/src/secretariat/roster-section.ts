/**
 * @module Importing the roster on the secretariat's page: choose the CSV or Excel file the secretariat keeps, see
 * what it would create and update and every row it cannot use (with the reason), then import — or fix the file
 * and choose it again. Nothing is written before "Import", and a file with problems cannot be imported.
 */
import { api, ApiRequestError, type RosterPreview } from '../api.js'
import { h } from '../ui/dom.js'
import { t } from '../i18n.js'

export function rosterSection(onImported: () => void): HTMLElement {
  const input = h('input', {
    attrs: { type: 'file', accept: '.csv,.xlsx,text/csv', 'aria-label': t('sec.rosterFile') },
  })
  const result = h('div', {
    class: 'roster-result',
    attrs: { 'data-testid': 'roster-result', 'aria-live': 'polite' },
  })
  const importButton = h('button', { attrs: { type: 'button', disabled: '' } }, t('sec.import'))
  let chosen: File | null = null

  const show = (preview: RosterPreview, done: boolean) => {
    const counts = t('sec.rosterCounts', {
      delegations: preview.createDelegations.length,
      participants: preview.createParticipants.length,
      updated: preview.updateDelegations.length + preview.updateParticipants.length,
      unchanged: preview.unchanged,
    })
    const head = preview.problems.length
      ? t('sec.rosterProblems', { count: preview.problems.length })
      : t(done ? 'sec.rosterImported' : 'sec.rosterWould', { count: preview.rows, counts })
    result.replaceChildren(h('p', { class: preview.problems.length ? 'roster-problems-head' : '' }, head))
    if (preview.problems.length)
      result.append(
        h(
          'ul',
          { class: 'roster-problems' },
          ...preview.problems.map((p) =>
            h(
              'li',
              {},
              p.rows.length ? `${t('sec.rows', { count: p.rows.length, rows: p.rows.join(', ') })} ` : '',
              p.message,
            ),
          ),
        ),
      )
    importButton.toggleAttribute('disabled', done || preview.problems.length > 0)
  }
  const failed = (error: unknown) =>
    result.replaceChildren(
      h(
        'p',
        { class: 'roster-problems-head' },
        error instanceof ApiRequestError ? error.message : String(error),
      ),
    )

  input.addEventListener('change', () => {
    chosen = input.files?.[0] ?? null
    importButton.setAttribute('disabled', '')
    if (chosen) api.previewRoster(chosen).then((preview) => show(preview, false), failed)
  })
  importButton.addEventListener('click', () => {
    if (!chosen) return
    importButton.setAttribute('disabled', '')
    api.importRoster(chosen).then((done) => {
      show(done, true)
      onImported()
    }, failed)
  })
  return h(
    'section',
    { class: 'secretariat-section' },
    h('h2', {}, t('sec.roster')),
    h('p', {}, t('sec.rosterHelp')),
    h('p', {}, input, ' ', importButton),
    result,
    h(
      'p',
      {},
      `${t('sec.rosterDownload')} `,
      h('a', { attrs: { href: '/api/roster?format=xlsx', download: '' } }, 'Excel'),
      ' · ',
      h('a', { attrs: { href: '/api/roster?format=csv', download: '' } }, 'CSV'),
    ),
  )
}
