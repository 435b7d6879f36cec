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

function chosen(): Language {
  try {
    const stored = localStorage.getItem(KEY)
    if (isLanguage(stored)) return stored
  } catch {
    // Storage refused (private mode): the browser's language then.
  }
  const browser = navigator.language.slice(0, 2)
  return isLanguage(browser) ? browser : 'en'
}

export const language: Language = chosen()
export const locale = LOCALES[language]

/** The message `key` in the page's language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(language, key, params)
}

/** The language picker of the top bar. */
export function languagePicker(): HTMLElement {
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
