/**
 * @module Importing the roster on the secretariat's page: choose the CSV or Excel file the secretariat keeps, see
 * what it would create and update and every row it cannot use (with the reason), then import — or fix the file
 * and choose it again. Nothing is written before "Import", and a file with problems cannot be imported.
 */
import { api, ApiRequestError, type RosterPreview } from '../api.js'
import { h } from '../ui/dom.js'

export function rosterSection(onImported: () => void): HTMLElement {
  const input = h('input', {
    attrs: { type: 'file', accept: '.csv,.xlsx,text/csv', 'aria-label': 'Roster file (CSV or Excel)' },
  })
  const result = h('div', {
    class: 'roster-result',
    attrs: { 'data-testid': 'roster-result', 'aria-live': 'polite' },
  })
  const importButton = h('button', { attrs: { type: 'button', disabled: '' } }, 'Import')
  let chosen: File | null = null

  const show = (preview: RosterPreview, done: boolean) => {
    const counts = `${preview.createDelegations.length} new delegations, ${preview.createParticipants.length} new participants, ${preview.updateDelegations.length + preview.updateParticipants.length} updated, ${preview.unchanged} unchanged`
    const head = preview.problems.length
      ? `${preview.problems.length} problems: nothing can be imported until the file is fixed.`
      : done
        ? `Imported ${preview.rows} rows: ${counts}.`
        : `${preview.rows} rows would give: ${counts}.`
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
              p.rows.length ? `Row${p.rows.length > 1 ? 's' : ''} ${p.rows.join(', ')}: ` : '',
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
    h('h2', {}, 'Roster'),
    h(
      'p',
      {},
      'One row per participant, with the columns Delegation, Country, Participant name, Function, Role, E-mail (CSV or Excel). Importing the same file again changes nothing; a later file adds and updates.',
    ),
    h('p', {}, input, ' ', importButton),
    result,
    h(
      'p',
      {},
      'Download the roster: ',
      h('a', { attrs: { href: '/api/roster?format=xlsx', download: '' } }, 'Excel'),
      ' · ',
      h('a', { attrs: { href: '/api/roster?format=csv', download: '' } }, 'CSV'),
    ),
  )
}
