/**
 * @module The conference's facts on the secretariat's page, as a form: its names (English and the host language),
 * host locality, venue, dates, host time zone, and whether observers may comment. The server checks each field (a
 * time zone it knows, real dates in order) and says which is wrong.
 */
import { api, ApiRequestError, type ConferenceSettings } from '../api.js'
import { h } from '../ui/dom.js'
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../workflows/i18n/catalogue.js'

export function conferenceSection(conference: ConferenceSettings): HTMLElement {
  const field = (label: string, value: string, attrs: Record<string, string> = {}) =>
    h(
      'label',
      { class: 'conference-field' },
      label,
      h('input', { attrs: { type: 'text', value, 'aria-label': label, ...attrs } }),
    )
  const fields = {
    name: field('Name', conference.name, { required: '' }),
    localName: field('Name in the host language', conference.localName ?? ''),
    hostLocality: field('Host locality', conference.hostLocality ?? ''),
    venue: field('Venue', conference.venue ?? ''),
    startsOn: field('Starts', conference.startsOn ?? '', { type: 'date' }),
    endsOn: field('Ends', conference.endsOn ?? '', { type: 'date' }),
    hostTimeZone: field('Host time zone', conference.hostTimeZone),
  }
  const observers = h('input', {
    attrs: { type: 'checkbox', ...(conference.observersMayComment ? { checked: '' } : {}) },
  })
  // The languages participants may choose among (at least one).
  const languages = LANGUAGES.map((language) =>
    h('input', {
      attrs: {
        type: 'checkbox',
        value: language,
        'data-testid': `language-${language}`,
        ...((conference.languages ?? LANGUAGES).includes(language) ? { checked: '' } : {}),
      },
    }),
  )
  const message = h('p', { attrs: { 'aria-live': 'polite' } })
  const save = h('button', { attrs: { type: 'button' } }, 'Save')
  const value = (label: HTMLLabelElement) => label.querySelector('input')!.value.trim()
  save.addEventListener('click', () => {
    const optional = (label: HTMLLabelElement) => value(label) || undefined
    api
      .changeConference({
        name: value(fields.name),
        localName: value(fields.localName),
        hostLocality: value(fields.hostLocality),
        venue: value(fields.venue),
        startsOn: optional(fields.startsOn),
        endsOn: optional(fields.endsOn),
        hostTimeZone: value(fields.hostTimeZone),
        observersMayComment: observers.checked,
        languages: languages.filter((box) => box.checked).map((box) => box.value as Language),
      })
      .then(
        () => (message.textContent = 'Saved.'),
        (error: unknown) =>
          (message.textContent = error instanceof ApiRequestError ? error.message : String(error)),
      )
  })
  return h(
    'section',
    { class: 'secretariat-section', attrs: { 'data-testid': 'conference' } },
    h('h2', {}, 'Conference'),
    h('div', { class: 'conference-fields' }, ...Object.values(fields)),
    h('label', {}, observers, ' Observers may comment'),
    h(
      'fieldset',
      { class: 'conference-languages' },
      h('legend', {}, 'Languages of the pages'),
      ...languages.map((box) => h('label', {}, box, ` ${LANGUAGE_NAMES[box.value as Language]} `)),
    ),
    h('p', {}, save),
    message,
  )
}
