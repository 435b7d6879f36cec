/**
 * @module The conference's facts on the secretariat's page, as a form: its names (English and the host language),
 * host locality, venue, dates, host time zone, and whether observers may comment. The server checks each field (a
 * time zone it knows, real dates in order) and says which is wrong.
 */
import { api, ApiRequestError, type ConferenceSettings } from '../api.js'
import { h } from '../ui/dom.js'
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../workflows/i18n/catalogue.js'
import { t } from '../i18n.js'

export function conferenceSection(conference: ConferenceSettings): HTMLElement {
  const field = (label: string, value: string, attrs: Record<string, string> = {}) =>
    h(
      'label',
      { class: 'conference-field' },
      label,
      h('input', { attrs: { type: 'text', value, 'aria-label': label, ...attrs } }),
    )
  const fields = {
    name: field(t('sec.name'), conference.name, { required: '' }),
    localName: field(t('sec.localName'), conference.localName ?? ''),
    hostLocality: field(t('sec.hostLocality'), conference.hostLocality ?? ''),
    venue: field(t('sec.venue'), conference.venue ?? ''),
    startsOn: field(t('sec.startsOn'), conference.startsOn ?? '', { type: 'date' }),
    endsOn: field(t('sec.endsOn'), conference.endsOn ?? '', { type: 'date' }),
    hostTimeZone: field(t('sec.hostTimeZone'), conference.hostTimeZone),
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
  const save = h('button', { attrs: { type: 'button' } }, t('sec.save'))
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
        () => (message.textContent = t('sec.saved')),
        (error: unknown) =>
          (message.textContent = error instanceof ApiRequestError ? error.message : String(error)),
      )
  })
  return h(
    'section',
    { class: 'secretariat-section', attrs: { 'data-testid': 'conference' } },
    h('h2', {}, t('sec.conference')),
    h('div', { class: 'conference-fields' }, ...Object.values(fields)),
    h('label', {}, observers, ` ${t('sec.observersMayComment')}`),
    h(
      'fieldset',
      { class: 'conference-languages' },
      h('legend', {}, t('sec.languages')),
      ...languages.map((box) => h('label', {}, box, ` ${LANGUAGE_NAMES[box.value as Language]} `)),
    ),
    h('p', {}, save),
    message,
  )
}
