/**
 * @module The one catalogue of Accord's words, in every language it speaks: English and Vietnamese (the first
 * conference's host language). Each language must give every entry — the type says so, the compiler checks it —
 * and an entry that counts is written per plural category (`Intl.PluralRules`: English has one/other, Vietnamese
 * only other). Placeholders are `{name}`. Pure: the editor, the server and the exports read it.
 *
 * The words live per area in `words/` (the document page, the secretariat's page, the exports); the server's
 * answers, keyed by their English wording, in `server-messages.ts`.
 *
 * Why our own rather than i18next: forty lines give typed keys and parameters, checked completeness per language
 * and the platform's plural rules; a library would add a runtime and lose the compile-time check.
 */
import * as exports from './words/exports.js'
import * as page from './words/page.js'
import * as secretariat from './words/secretariat.js'

export const LANGUAGES = ['en', 'vi'] as const
export type Language = (typeof LANGUAGES)[number]

/** Each language named in itself, for the picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', vi: 'Tiếng Việt' }

/** The locale dates and numbers are written in, per language. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', vi: 'vi-VN' }

export type Plural = { one?: string; other: string }
export type Entry = string | Plural

/** Each area's words, in every language. */
const WORDS = [page, secretariat, exports] as const

export type MessageKey = keyof typeof page.en | keyof typeof secretariat.en | keyof typeof exports.en

export const CATALOGUE: Record<Language, Record<MessageKey, Entry>> = {
  en: Object.assign({}, ...WORDS.map((words) => words.en)) as Record<MessageKey, Entry>,
  vi: Object.assign({}, ...WORDS.map((words) => words.vi)) as Record<MessageKey, Entry>,
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The message `key` in `language`, its plural chosen by `count` and its placeholders filled. */
export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const entry = CATALOGUE[language][key]
  const text =
    typeof entry === 'string'
      ? entry
      : (entry[new Intl.PluralRules(LOCALES[language]).select(Number(params.count ?? 0)) as keyof Plural] ??
        entry.other)
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params
      ? String(name === 'count' ? formatCount(language, Number(params[name])) : params[name])
      : whole,
  )
}

function formatCount(language: Language, n: number): string {
  return new Intl.NumberFormat(LOCALES[language]).format(n)
}
