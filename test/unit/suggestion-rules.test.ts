import { describe, expect, it } from 'vitest'
import {
  checkAttribution,
  checkSuggestedChange,
  suggestionKindOf,
  type Author,
} from '../../workflows/rules/suggestions.js'

const osaka: Author = { delegation: 'osaka', participant: 'osaka-drafter' }
const osakaHead: Author = { delegation: 'osaka', participant: 'osaka-head' }
const mark = (by: Author, id = 's1') => ({
  id,
  delegation: by.delegation,
  participant: by.participant,
  at: 't',
})
const leipzig: Author = { delegation: 'leipzig', participant: 'leipzig-head' }

describe('what a suggestion-only writer may do', () => {
  it('inserts text that carries its own insertion mark', () => {
    expect(checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': mark(osaka) } }, osaka).ok).toBe(
      true,
    )
  })

  it('keeps formatting such as italics on its inserted text', () => {
    expect(
      checkSuggestedChange({ kind: 'insert', marks: { italic: {}, 'insertion--a': mark(osaka) } }, osaka).ok,
    ).toBe(true)
  })

  it('may not insert plain text (a direct edit)', () => {
    expect(checkSuggestedChange({ kind: 'insert', marks: {} }, osaka)).toMatchObject({ ok: false })
  })

  it('may not insert text attributed to another delegation', () => {
    expect(
      checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': mark(leipzig) } }, osaka),
    ).toMatchObject({ ok: false })
  })

  it('may not insert text attributed to another participant of its own delegation', () => {
    expect(
      checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': mark(osakaHead) } }, osaka),
    ).toMatchObject({ ok: false })
  })

  it('may not smuggle another delegation’s mark onto its own insertion', () => {
    const marks = { 'insertion--a': mark(osaka), 'deletion--b': mark(leipzig) }
    expect(checkSuggestedChange({ kind: 'insert', marks }, osaka)).toMatchObject({ ok: false })
  })

  it('deletes text its own delegation proposed (withdrawing or retyping its suggestion)', () => {
    expect(
      checkSuggestedChange({ kind: 'delete', marks: { 'insertion--a': mark(osakaHead) } }, osaka).ok,
    ).toBe(true)
  })

  it('may not delete text of the agreed text, nor another delegation’s proposal', () => {
    expect(checkSuggestedChange({ kind: 'delete', marks: {} }, osaka)).toMatchObject({ ok: false })
    expect(
      checkSuggestedChange({ kind: 'delete', marks: { 'insertion--a': mark(leipzig) } }, osaka),
    ).toMatchObject({ ok: false })
  })

  it('proposes a deletion by marking existing text with its own deletion mark', () => {
    expect(
      checkSuggestedChange({ kind: 'remark', before: {}, after: { 'deletion--d': mark(osaka) } }, osaka).ok,
    ).toBe(true)
  })

  it('may mark for deletion text another delegation proposed: both proposals coexist', () => {
    const before = { 'insertion--a': mark(leipzig) }
    const after = { ...before, 'deletion--d': mark(osaka) }
    expect(checkSuggestedChange({ kind: 'remark', before, after }, osaka).ok).toBe(true)
  })

  it('may not add a deletion mark naming someone else', () => {
    expect(
      checkSuggestedChange({ kind: 'remark', before: {}, after: { 'deletion--d': mark(leipzig) } }, osaka),
    ).toMatchObject({ ok: false })
  })

  it('withdraws its own delegation’s deletion mark, but not another’s', () => {
    expect(
      checkSuggestedChange({ kind: 'remark', before: { 'deletion--d': mark(osakaHead) }, after: {} }, osaka)
        .ok,
    ).toBe(true)
    expect(
      checkSuggestedChange({ kind: 'remark', before: { 'deletion--d': mark(leipzig) }, after: {} }, osaka),
    ).toMatchObject({ ok: false })
  })

  it('may not accept its own insertion by lifting the insertion mark', () => {
    expect(
      checkSuggestedChange({ kind: 'remark', before: { 'insertion--a': mark(osaka) }, after: {} }, osaka),
    ).toMatchObject({
      ok: false,
      refused: 'only the chair accepts a suggestion',
    })
  })

  it('may not change formatting directly', () => {
    expect(checkSuggestedChange({ kind: 'remark', before: {}, after: { bold: {} } }, osaka)).toMatchObject({
      ok: false,
    })
  })

  it('may not claim existing text as its insertion', () => {
    expect(
      checkSuggestedChange({ kind: 'remark', before: {}, after: { 'insertion--a': mark(osaka) } }, osaka),
    ).toMatchObject({ ok: false })
  })
})

describe('attribution, for every writer', () => {
  it('accepts marks naming the writer and plain formatting', () => {
    expect(checkAttribution({ italic: {}, 'insertion--x': mark(osaka) }, osaka).ok).toBe(true)
  })
  it('refuses a suggestion mark naming anyone else', () => {
    expect(checkAttribution({ 'deletion--x': mark(leipzig) }, osaka)).toMatchObject({ ok: false })
  })
  it('recognises the keys the Yjs binding gives overlapping marks', () => {
    expect(suggestionKindOf('insertion')).toBe('insertion')
    expect(suggestionKindOf('deletion--Zm9v')).toBe('deletion')
    expect(suggestionKindOf('italic')).toBeNull()
    expect(suggestionKindOf('insertions')).toBeNull()
  })
})

describe('oral proposals: the secretariat typing for the delegation holding the floor', () => {
  const officer: Author = { delegation: 'secretariat', participant: 'secretariat-officer' }
  const forOsaka: Author = { ...officer, onBehalfOf: ['osaka'] }
  const typedForOsaka = { id: 's9', delegation: 'osaka', participant: 'secretariat-officer', at: 't' }

  it("inserts words naming the speaker's delegation and the officer who typed them", () => {
    expect(
      checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': typedForOsaka } }, forOsaka).ok,
    ).toBe(true)
    expect(
      checkSuggestedChange({ kind: 'remark', before: {}, after: { 'deletion--a': typedForOsaka } }, forOsaka)
        .ok,
    ).toBe(true)
  })

  it('may not do so once the delegation no longer holds the floor, nor name another participant', () => {
    expect(
      checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': typedForOsaka } }, officer).ok,
    ).toBe(false)
    expect(
      checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': mark(osaka) } }, forOsaka).ok,
    ).toBe(false)
    const forLeipzig = { ...typedForOsaka, delegation: 'leipzig' }
    expect(checkSuggestedChange({ kind: 'insert', marks: { 'insertion--a': forLeipzig } }, forOsaka).ok).toBe(
      false,
    )
  })

  it("takes back the speaker's pending suggestions as it asks from the floor, and no one else's", () => {
    expect(
      checkSuggestedChange({ kind: 'delete', marks: { 'insertion--a': mark(osaka) } }, forOsaka).ok,
    ).toBe(true)
    expect(
      checkSuggestedChange({ kind: 'remark', before: { 'deletion--a': mark(osaka) }, after: {} }, forOsaka)
        .ok,
    ).toBe(true)
    expect(
      checkSuggestedChange({ kind: 'delete', marks: { 'insertion--a': mark(leipzig) } }, forOsaka).ok,
    ).toBe(false)
    expect(checkSuggestedChange({ kind: 'delete', marks: { 'insertion--a': mark(osaka) } }, officer).ok).toBe(
      false,
    )
  })
})
