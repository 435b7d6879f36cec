/**
 * @module The page's language: chosen with the picker in the top bar and kept on this device; at first the
 * browser's, if Accord speaks it. Changing it reloads the page — what was typed and not yet stored is kept on
 * the device (collab/unsaved-changes.ts) and sent again, so nothing is lost.
 */
import {
  isLanguage,
  LANGUAGE_NAMES,
  LANGUAGES,
  LOCALES,
  translate,
  type Language,
  type MessageKey,
} from '../../workflows/i18n/catalogue.js'
import { h } from './ui/dom.js'

const KEY = 'accord.language'
/** The languages the conference offers, as last heard from the server (its secretariat chooses them). */
const OFFERED = 'accord.offered'

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return null // Storage refused (private mode).
  }
}

function offered(): Language[] {
  const list = (stored(OFFERED) ?? '').split(',').filter(isLanguage)
  return list.length > 0 ? list : [...LANGUAGES]
}

function chosen(): Language {
  const offer = offered()
  const mine = stored(KEY)
  if (isLanguage(mine) && offer.includes(mine)) return mine
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2)
  return isLanguage(browser) && offer.includes(browser) ? browser : offer[0]!
}

export const language: Language = chosen()
export const locale = LOCALES[language]

/** The message `key` in the page's language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(language, key, params)
}

/**
 * Offers only the conference's languages in `picker`. Should the page speak another, it is shown again in the
 * conference's first language (once: the list is kept on the device, so the next load starts right).
 */
export function offerLanguages(picker: HTMLSelectElement, languages: readonly Language[] | undefined): void {
  const offer = languages?.length ? languages : LANGUAGES
  for (const option of picker.options) option.hidden = !offer.includes(option.value as Language)
  picker.hidden = offer.length < 2
  try {
    if (stored(OFFERED) === offer.join(',')) return
    localStorage.setItem(OFFERED, offer.join(','))
  } catch {
    return
  }
  if (!offer.includes(language)) location.reload()
}

/** The language picker of the top bar. */
export function languagePicker(): HTMLSelectElement {
  const select = h(
    'select',
    { class: 'language-picker', attrs: { 'aria-label': t('app.language'), 'data-testid': 'language' } },
    ...LANGUAGES.map((l) => h('option', { attrs: { value: l, lang: l } }, LANGUAGE_NAMES[l])),
  )
  select.value = language
  select.addEventListener('change', () => {
    try {
      localStorage.setItem(KEY, select.value)
    } catch {
      return
    }
    location.reload()
  })
  document.documentElement.lang = language
  return select
}
