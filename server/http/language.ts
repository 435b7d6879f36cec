/**
 * @module The language a request is answered in: the page's choice (`?lang=vi` on a link it builds, or the
 * `Accept-Language` it sends with every call), else the first language of the browser's list Accord speaks, else
 * English. Used for error messages and the exports' fixed words; the declaration's own words are never translated.
 */
import type { Context } from 'hono'
import { isLanguage, type Language } from '../../workflows/i18n/catalogue.js'

export function languageOf(c: Context): Language {
  const asked = c.req.query('lang')
  if (isLanguage(asked)) return asked
  // "vi-VN,vi;q=0.9,en;q=0.8": by quality, then by order.
  const ranked = (c.req.header('accept-language') ?? '')
    .split(',')
    .slice(0, 20)
    .map((item, index) => {
      const [tag = '', ...params] = item.trim().split(';')
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      )
      return { language: tag.trim().slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0, index }
    })
    .filter((item) => item.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  return ranked.map((item) => item.language).find(isLanguage) ?? 'en'
}
