import { describe, expect, it } from 'vitest'
import { CATALOGUE, LANGUAGES, translate, type MessageKey } from '../../workflows/i18n/catalogue.js'

describe('the catalogue', () => {
  it('gives every entry in every language, with the same placeholders', () => {
    const placeholders = (entry: unknown) =>
      [...JSON.stringify(entry).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(CATALOGUE.en) as MessageKey[]) {
      for (const language of LANGUAGES) {
        const entry = CATALOGUE[language][key]
        expect(entry, `${language} ${key}`).toBeDefined()
        expect(new Set(placeholders(entry)), `${language} ${key}`).toEqual(
          new Set(placeholders(CATALOGUE.en[key])),
        )
      }
    }
  })

  it('writes plurals right in English and Vietnamese', () => {
    expect(translate('en', 'brackets.count', { count: 1 })).toBe('1 open bracket')
    expect(translate('en', 'brackets.count', { count: 2 })).toBe('2 open brackets')
    expect(translate('en', 'brackets.count', { count: 0 })).toBe('0 open brackets')
    expect(translate('vi', 'brackets.count', { count: 1 })).toBe('1 ngoặc vuông đang mở')
    expect(translate('vi', 'brackets.count', { count: 3 })).toBe('3 ngoặc vuông đang mở')
  })

  it('writes numbers in the language’s conventions and fills placeholders', () => {
    expect(translate('en', 'panel.suggestions', { count: 1200 })).toBe('Suggestions (1,200)')
    expect(translate('vi', 'panel.suggestions', { count: 1200 })).toBe('Đề xuất (1.200)')
    expect(translate('vi', 'action.acceptAllOf', { delegation: 'Osaka' })).toBe('Chấp nhận tất cả của Osaka')
    expect(translate('en', 'stage.moveTo', { stage: 'Adopted' })).toBe('Move to Adopted…')
  })
})
